using System.Buffers;
using System.Buffers.Binary;
using DaoPlatform.Ethereum.Hex;

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
/// <param name="Sealed">Whether <paramref name="WrappedKey"/> authenticates this manifest's identity (<see cref="KeyBinding"/>):
/// its content hash, sha2-256 (so its CID), length, block size and visibility besides the storage id. A sealed
/// manifest altered in any of them no longer unwraps, so a read of any range serves only the bytes whose digests were
/// computed at publishing; false for manifests written before sealing (their key is bound to the storage id alone).</param>
/// <param name="KeccakCheckpointsSha256">sha2-256 of the keccak checkpoint file as publishing wrote it, 0x-prefixed hex: a
/// file that no longer hashes to it (damaged) is set aside and the read hashes in one stream rather than failing; null
/// for manifests written before it (their file is used as found).</param>
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
    int KeccakSegmentSize = 0,
    bool Sealed = false,
    string? KeccakCheckpointsSha256 = null)
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The ciphertext object's name in the <see cref="Storage.ICiphertextStore"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string CiphertextName => StorageId + ".blocks";

    internal BlockLayout Layout => new(Length, BlockSize);

    /// <summary>What is malformed in this manifest (a field missing, not hex of its length, or out of range), or null when it is well-formed.</summary>
    internal string? Problem()
    {
        return !IsHex(ContentHash, 32, prefixed: true) ? "its content hash is not 32 bytes of 0x-prefixed hex"
            : !IsHex(Sha256, 32, prefixed: true) ? "its sha2-256 is not 32 bytes of 0x-prefixed hex"
            : string.IsNullOrEmpty(Cid) ? "it names no CID"
            : Length < 0 ? $"its length is {Length}"
            : BlockSize <= 0 ? $"its block size is {BlockSize}"
            : !IsHex(StorageId, 16, prefixed: false) ? "its storage id is not 16 bytes of hex"
            : string.IsNullOrEmpty(KeyId) ? "it names no node key"
            : !IsHex(WrappedKey, 60, prefixed: false) ? "its wrapped key is not 60 bytes of hex"
            : KeccakSegmentSize < 0 ? $"its keccak segment size is {KeccakSegmentSize}"
            : null;

        static bool IsHex(string? text, int bytes, bool prefixed) =>
            text is not null && text.Length == (2 * bytes) + (prefixed ? 2 : 0)
            && (!prefixed || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            && !text.AsSpan(prefixed ? 2 : 0).ContainsAnyExcept(HexDigits);
    }

    /// <summary>Length of a sealed manifest's <see cref="KeyBinding"/>: storage id (16) ‖ keccak-256 (32) ‖ sha2-256 (32) ‖ length (8) ‖ block size (4) ‖ public (1).</summary>
    internal const int SealedBindingSize = 16 + 32 + 32 + 8 + 4 + 1;

    /// <summary>
    /// The associated data under which the node key wraps the asset key (AES-256-GCM): for a <see cref="Sealed"/>
    /// manifest storage id ‖ keccak-256 ‖ sha2-256 ‖ length (big-endian int64) ‖ block size (big-endian int32) ‖
    /// public (one byte, 0 or 1); otherwise the 16-byte storage id.
    /// </summary>
    /// <remarks>The manifest must be well-formed (<see cref="ThrowIfMalformed"/>).</remarks>
    internal byte[] KeyBinding()
    {
        byte[] storageId = HexConvert.Decode(StorageId);
        if (!Sealed)
        {
            return storageId;
        }
        byte[] binding = new byte[SealedBindingSize];
        storageId.CopyTo(binding, 0);
        HexConvert.DecodeInto(ContentHash, binding.AsSpan(16, 32));
        HexConvert.DecodeInto(Sha256, binding.AsSpan(48, 32));
        BinaryPrimitives.WriteInt64BigEndian(binding.AsSpan(80, 8), Length);
        BinaryPrimitives.WriteInt32BigEndian(binding.AsSpan(88, 4), BlockSize);
        binding[92] = Public ? (byte)1 : (byte)0;
        return binding;
    }

    /// <summary>Throws unless the manifest is well-formed (<see cref="Problem"/>): what <see cref="KeyBinding"/> and the unwrap read from it.</summary>
    /// <exception cref="AssetIntegrityException">A field is missing, not hex of its length, or out of range.</exception>
    /// <param name="contentHash">The content hash the manifest was looked up by, which names the asset in the message.</param>
    internal void ThrowIfMalformed(string contentHash)
    {
        if (Problem() is { } problem)
        {
            throw new AssetIntegrityException($"The manifest of asset {contentHash} is malformed: {problem}.");
        }
    }
}
