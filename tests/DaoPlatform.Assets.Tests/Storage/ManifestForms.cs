using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Assets.Tests.Storage;

/// <summary>Manifests in the forms a store may meet besides the ones it writes now.</summary>
internal static class ManifestForms
{
    /// <summary>
    /// <paramref name="manifest"/> as a store wrote it before sealing: the same asset key, wrapped by <paramref name="nodeKey"/>
    /// under the storage id alone, so nothing but the storage id is authenticated by the wrap.
    /// </summary>
    public static AssetManifest Unsealed(this AssetManifest manifest, NodeKey nodeKey)
    {
        byte[] key = new byte[32];
        nodeKey.Unwrap(HexConvert.Decode(manifest.WrappedKey), manifest.KeyBinding(), key);
        AssetManifest older = manifest with { Sealed = false };
        return older with { WrappedKey = HexConvert.Encode(nodeKey.Wrap(key, older.KeyBinding()), prefix: false) };
    }
}
