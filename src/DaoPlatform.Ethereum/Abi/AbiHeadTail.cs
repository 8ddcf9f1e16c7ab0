using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// The head/tail layout shared by tuples and arrays (Solidity ABI spec, "Formal Specification of
/// the Encoding"): static elements in place, dynamic ones as an offset (from the sequence start)
/// into a tail that follows the heads in element order.
/// </summary>
/// <remarks>
/// Decoding accepts only the canonical layout (the spec's "strict encoding mode", which is what
/// Solidity's encoder always produces): every offset must point exactly where the previous tail ended. That rejects offsets into the head or past the end, overlapping or aliased tails
/// (which would let a small input decode into a huge value), and gaps.
/// </remarks>
internal static class AbiHeadTail
{
    public static int GetEncodedSize<T>(T types, IList values, int headSize) where T : struct, IAbiSequence
    {
        int size = headSize;
        for (int i = 0; i < types.Count; i++)
        {
            AbiType type = types[i];
            if (type.IsDynamic)
            {
                try
                {
                    size += type.GetEncodedSize(values[i]);
                }
                catch (AbiException e)
                {
                    e.PrependPath(types.Segment(i));
                    throw;
                }
            }
        }
        return size;
    }

    public static int Encode<T>(T types, IList values, Span<byte> destination, int headSize) where T : struct, IAbiSequence
    {
        int head = 0;
        int tail = headSize;
        for (int i = 0; i < types.Count; i++)
        {
            AbiType type = types[i];
            try
            {
                if (type.IsDynamic)
                {
                    AbiEncoder.WriteUInt64(destination.Slice(head, AbiEncoder.WordSize), (ulong)tail);
                    tail += type.Encode(values[i], destination[tail..]);
                    head += AbiEncoder.WordSize;
                }
                else
                {
                    head += type.Encode(values[i], destination[head..]);
                }
            }
            catch (AbiException e)
            {
                e.PrependPath(types.Segment(i));
                throw;
            }
        }
        return tail;
    }

    public static object?[] Decode<T>(T types, ReadOnlySpan<byte> data, ref int position, int headSize, string containerName)
        where T : struct, IAbiSequence
    {
        int start = position;
        AbiDecoder.EnsureAvailable(data, start, headSize, containerName);
        object?[] values = types.Count == 0 ? [] : new object?[types.Count];
        int head = start;
        int tail = start + headSize;
        for (int i = 0; i < types.Count; i++)
        {
            AbiType type = types[i];
            try
            {
                if (type.IsDynamic)
                {
                    CheckOffset(data, head, start, headSize, tail, type);
                    values[i] = type.Decode(data, ref tail);
                    head += AbiEncoder.WordSize;
                }
                else
                {
                    values[i] = type.Decode(data, ref head);
                }
            }
            catch (AbiException e)
            {
                e.PrependPath(types.Segment(i));
                throw;
            }
        }
        position = tail;
        return values;
    }

    public static void WriteIndexed<T>(T types, IList values, ArrayBufferWriter<byte> writer) where T : struct, IAbiSequence
    {
        for (int i = 0; i < types.Count; i++)
        {
            try
            {
                types[i].WriteIndexedEncoding(values[i], writer, nested: true);
            }
            catch (AbiException e)
            {
                e.PrependPath(types.Segment(i));
                throw;
            }
        }
    }

    public static void CheckCount(IList values, int expected, string typeName)
    {
        if (values.Count != expected)
        {
            throw new AbiException($"ABI encode: {typeName} takes {expected} values; got {values.Count}.");
        }
    }

    private static void CheckOffset(ReadOnlySpan<byte> data, int head, int start, int headSize, int expectedTail, AbiType type)
    {
        ReadOnlySpan<byte> word = data.Slice(head, AbiEncoder.WordSize);
        bool small = !word[..(AbiEncoder.WordSize - sizeof(uint))].ContainsAnyExcept((byte)0);
        long offset = small ? BinaryPrimitives.ReadUInt32BigEndian(word[(AbiEncoder.WordSize - sizeof(uint))..]) : long.MaxValue;
        if (offset == expectedTail - start)
        {
            return;
        }
        string shown = small ? offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : new BigInteger(word, isUnsigned: true, isBigEndian: true).ToString();
        if (offset > data.Length - start)
        {
            throw new AbiException($"ABI decode: offset {shown} at {head} for {type.Name} points past the end of the {data.Length}-byte data.");
        }
        if (offset < headSize)
        {
            throw new AbiException($"ABI decode: offset {shown} at {head} for {type.Name} points into the {headSize}-byte head it belongs to.");
        }
        throw new AbiException($"ABI decode: offset {shown} at {head} for {type.Name} is not canonical: its data must start at offset {expectedTail - start} (absolute {expectedTail}).");
    }
}
