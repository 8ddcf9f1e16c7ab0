using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>int&lt;N&gt;</c>, N = 8..256 in steps of 8: a two's complement integer sign-extended to one word.</summary>
public sealed class AbiInt : AbiInteger
{
    /// <summary><c>int256</c>.</summary>
    public static readonly AbiInt Int256 = new(256);

    /// <summary>Creates <c>int&lt;bits&gt;</c>.</summary>
    /// <exception cref="AbiException"><paramref name="bits"/> is not a multiple of 8 in 8..256.</exception>
    public AbiInt(int bits)
        : base("int", bits)
    {
    }

    private protected override void WriteWord(Span<byte> word, BigInteger value) => AbiEncoder.WriteInt(word, value, Bits);

    private protected override BigInteger ReadWord(ReadOnlySpan<byte> data, int offset) => AbiDecoder.ReadInt(data, offset, Bits);
}
