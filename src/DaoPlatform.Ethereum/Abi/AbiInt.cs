using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>int&lt;N&gt;</c>, N = 8..256 in steps of 8: a two's complement integer sign-extended to one word.</summary>
public sealed class AbiInt : AbiType
{
    /// <summary><c>int256</c>.</summary>
    public static readonly AbiInt Int256 = new(256);

    /// <summary>Creates <c>int&lt;bits&gt;</c>.</summary>
    /// <exception cref="AbiException"><paramref name="bits"/> is not a multiple of 8 in 8..256.</exception>
    public AbiInt(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new AbiException($"ABI type: int{bits} is not a valid type; N must be a multiple of 8 from 8 to 256.");
        }
        Bits = bits;
        Name = "int" + bits;
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
        AbiEncoder.WriteInt(destination, number, Bits);
        return AbiEncoder.WordSize;
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        BigInteger value = AbiDecoder.ReadInt(data, position, Bits);
        position += AbiEncoder.WordSize;
        return value;
    }
}
