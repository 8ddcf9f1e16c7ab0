using System.Buffers.Binary;

namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// How an asset's plaintext maps to AES-256-GCM blocks. Block i holds plaintext bytes
/// [i·B, min((i+1)·B, length)) and is stored as ciphertext ‖ 16-byte tag at offset i·(B + 16).
/// Its nonce is 4 zero bytes ‖ i (big-endian 64-bit): unique per block under the asset's own random key.
/// Its associated data is storage id (16) ‖ i (8) ‖ total length (8), so a block cannot be moved to
/// another index or asset, and a truncated asset does not pass as a shorter one.
/// </summary>
internal readonly record struct BlockLayout(long Length, int BlockSize)
{
    /// <summary>The GCM tag length.</summary>
    public const int TagSize = 16;

    /// <summary>The default plaintext block size: 64 KiB.</summary>
    public const int DefaultBlockSize = 64 * 1024;

    /// <summary>How many blocks the asset has (zero for empty content).</summary>
    public long BlockCount => (Length + BlockSize - 1) / BlockSize;

    /// <summary>The ciphertext length of the whole asset.</summary>
    public long CiphertextLength => Length + (BlockCount * TagSize);

    /// <summary>Plaintext bytes in block <paramref name="index"/>.</summary>
    public int PlaintextSize(long index) => (int)Math.Min(BlockSize, Length - (index * BlockSize));

    /// <summary>Where block <paramref name="index"/> starts in the ciphertext.</summary>
    public long CiphertextOffset(long index) => index * (BlockSize + TagSize);

    public static void Nonce(long index, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[4..], index);
    }

    public void AssociatedData(ReadOnlySpan<byte> storageId, long index, Span<byte> associatedData)
    {
        storageId.CopyTo(associatedData);
        BinaryPrimitives.WriteInt64BigEndian(associatedData.Slice(16, 8), index);
        BinaryPrimitives.WriteInt64BigEndian(associatedData.Slice(24, 8), Length);
    }
}
