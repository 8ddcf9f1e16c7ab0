namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// What the node knows of one stored asset: its identity on chain (the keccak-256 content hash the
/// registry records, and the CID), its size and block layout, and its key wrapped by the node key.
/// Nothing here is secret.
/// </summary>
/// <param name="ContentHash">keccak-256 of the plaintext, 0x-prefixed hex (AssetRegistry's contentHash).</param>
/// <param name="Sha256">sha2-256 of the plaintext, 0x-prefixed hex (the digest inside the CID).</param>
/// <param name="Cid">The CIDv1 (raw, sha2-256, base32) of the plaintext, as AssetRegistry.cidOf gives it.</param>
/// <param name="Length">Plaintext length in bytes.</param>
/// <param name="BlockSize">Plaintext bytes per AES-GCM block.</param>
/// <param name="StorageId">16 random bytes, hex: the ciphertext object's name and every block's associated data.</param>
/// <param name="KeyId">The node key that wrapped <paramref name="WrappedKey"/> (<see cref="NodeKey.Id"/>).</param>
/// <param name="WrappedKey">The asset's AES-256 key wrapped by the node key, hex.</param>
/// <param name="Public">Whether anyone may download the asset without a pass.</param>
/// <param name="KeccakSegmentSize">Plaintext bytes per keccak-256 segment whose sponge states were saved beside the
/// manifest (<see cref="KeccakCheckpoints"/>), so that a whole read checks the content hash four segments at a time;
/// 0 where none were saved (manifests written before them).</param>
public sealed record AssetManifest(
    string ContentHash,
    string Sha256,
    string Cid,
    long Length,
    int BlockSize,
    string StorageId,
    string KeyId,
    string WrappedKey,
    bool Public,
    int KeccakSegmentSize = 0)
{
    /// <summary>The ciphertext object's name in the <see cref="Storage.ICiphertextStore"/>.</summary>
    public string CiphertextName => StorageId + ".blocks";

    internal BlockLayout Layout => new(Length, BlockSize);
}
