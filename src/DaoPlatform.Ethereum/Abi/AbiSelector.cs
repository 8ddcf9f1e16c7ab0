using System.Buffers.Binary;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>Signature hashing shared by functions, errors and events.</summary>
internal static class AbiSelector
{
    public const int Length = 4;

    /// <summary>The canonical signature <c>name(type1,type2)</c>.</summary>
    public static string Signature(string name, IReadOnlyList<AbiParameter> parameters)
    {
        var builder = new System.Text.StringBuilder(name).Append('(');
        for (int i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }
            builder.Append(parameters[i].Type.Name);
        }
        return builder.Append(')').ToString();
    }

    /// <summary>keccak256 of the ASCII signature.</summary>
    public static byte[] Hash(string signature)
    {
        Span<byte> ascii = signature.Length <= 1024 ? stackalloc byte[signature.Length] : new byte[signature.Length];
        for (int i = 0; i < signature.Length; i++)
        {
            ascii[i] = (byte)signature[i];
        }
        return Keccak256.Hash(ascii);
    }

    /// <summary>The first four bytes of the signature hash as a big-endian number, for dictionary lookups.</summary>
    public static uint Compute(string signature) => BinaryPrimitives.ReadUInt32BigEndian(Hash(signature));

    public static uint Read(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadUInt32BigEndian(data);

    public static void Write(Span<byte> destination, uint selector) => BinaryPrimitives.WriteUInt32BigEndian(destination, selector);

    public static string ToHex(uint selector)
    {
        Span<byte> bytes = stackalloc byte[Length];
        Write(bytes, selector);
        return HexConvert.Encode(bytes);
    }
}
