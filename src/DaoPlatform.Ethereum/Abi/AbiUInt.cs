using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>uint&lt;N&gt;</c>, N = 8..256 in steps of 8: an unsigned integer right-aligned in one word.</summary>
public sealed class AbiUInt : AbiType
{
    /// <summary><c>uint256</c>.</summary>
    public static readonly AbiUInt UInt256 = new(256);

    /// <summary><c>uint8</c>.</summary>
    public static readonly AbiUInt UInt8 = new(8);

    /// <summary>Creates <c>uint&lt;bits&gt;</c>.</summary>
    /// <exception cref="AbiException"><paramref name="bits"/> is not a multiple of 8 in 8..256.</exception>
    public AbiUInt(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new AbiException($"ABI type: uint{bits} is not a valid type; N must be a multiple of 8 from 8 to 256.");
        }
        Bits = bits;
        Name = "uint" + bits;
    }

    /// <summary>The width N in bits.</summary>
    public int Bits { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => AbiEncoder.WordSize;

    /// <inheritdoc/>
    public override bool IsHashedWhenIndexed => false;

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination)
    {
        BigInteger number = AbiValueConverter.ToBigInteger(value, Name);
        AbiEncoder.WriteUInt(destination, number, Bits);
        return AbiEncoder.WordSize;
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        BigInteger value = AbiDecoder.ReadUInt(data, position, Bits);
        position += AbiEncoder.WordSize;
        return value;
    }
}
