using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// What <see cref="AbiUInt"/> and <see cref="AbiInt"/> share: N = 8..256 in steps of 8, one word,
/// range-checked on encode and on decode; they differ only in how a word holds the value.
/// </summary>
public abstract class AbiInteger : AbiType
{
    /// <summary>Creates <c>&lt;prefix&gt;&lt;bits&gt;</c>.</summary>
    /// <exception cref="AbiException"><paramref name="bits"/> is not a multiple of 8 in 8..256.</exception>
    private protected AbiInteger(string prefix, int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new AbiException($"ABI type: {prefix}{bits} is not a valid type; N must be a multiple of 8 from 8 to 256.");
        }
        Bits = bits;
        Name = prefix + bits;
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
        WriteWord(destination, AbiValueConverter.ToBigInteger(value, Name));
        return AbiEncoder.WordSize;
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        BigInteger value = ReadWord(data, position);
        position += AbiEncoder.WordSize;
        return value;
    }

    /// <summary>Writes <paramref name="value"/> as this type's word, range-checked.</summary>
    private protected abstract void WriteWord(Span<byte> word, BigInteger value);

    /// <summary>Reads this type's word at <paramref name="offset"/>, rejecting dirty high bits.</summary>
    private protected abstract BigInteger ReadWord(ReadOnlySpan<byte> data, int offset);
}
