using System.Buffers;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>The layout shared by <c>bytes</c> and <c>string</c>: a length word, then the bytes zero-padded to whole words.</summary>
internal static class AbiByteString
{
    public static int EncodedSize(int length) => AbiEncoder.WordSize + AbiEncoder.PaddedLength(length);

    public static void WriteLengthWord(Span<byte> destination, int length) =>
        AbiEncoder.WriteUInt64(destination, (ulong)length);

    public static void ClearPadding(Span<byte> destination, int length) =>
        destination[(AbiEncoder.WordSize + length)..EncodedSize(length)].Clear();

    /// <summary>Reads a length-prefixed byte string at <paramref name="position"/>, checking bounds and zero padding.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> data, ref int position, string typeName)
    {
        int start = position;
        int contentStart = start + AbiEncoder.WordSize;
        int length = AbiDecoder.ReadLength(data, start, data.Length - contentStart, typeName);
        int padded = AbiEncoder.PaddedLength(length);
        AbiDecoder.EnsureAvailable(data, contentStart, padded, typeName);
        if (data.Slice(contentStart + length, padded - length).ContainsAnyExcept((byte)0))
        {
            throw new AbiException($"ABI decode: {typeName} at offset {start} has dirty padding after its {length} bytes.");
        }
        position = contentStart + padded;
        return data.Slice(contentStart, length);
    }

    /// <summary>Appends the in-place form hashed for indexed event parameters: raw bytes, padded only when nested.</summary>
    public static void WriteIndexed(ReadOnlySpan<byte> content, ArrayBufferWriter<byte> writer, bool nested)
    {
        int size = nested ? AbiEncoder.PaddedLength(content.Length) : content.Length;
        Span<byte> span = writer.GetSpan(Math.Max(size, 1))[..size];
        content.CopyTo(span);
        span[content.Length..].Clear();
        writer.Advance(size);
    }
}
