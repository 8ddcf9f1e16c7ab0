using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>uint&lt;N&gt;</c>, N = 8..256 in steps of 8: an unsigned integer right-aligned in one word.</summary>
public sealed class AbiUInt : AbiInteger
{
    /// <summary><c>uint256</c>.</summary>
    public static readonly AbiUInt UInt256 = new(256);

    /// <summary><c>uint8</c>.</summary>
    public static readonly AbiUInt UInt8 = new(8);

    /// <summary>Creates <c>uint&lt;bits&gt;</c>.</summary>
    /// <exception cref="AbiException"><paramref name="bits"/> is not a multiple of 8 in 8..256.</exception>
    public AbiUInt(int bits)
        : base("uint", bits)
    {
    }

    private protected override void WriteWord(Span<byte> word, BigInteger value) => AbiEncoder.WriteUInt(word, value, Bits);

    private protected override BigInteger ReadWord(ReadOnlySpan<byte> data, int offset) => AbiDecoder.ReadUInt(data, offset, Bits);
}
