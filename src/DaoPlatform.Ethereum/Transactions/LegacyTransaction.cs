using System.Numerics;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>
/// A legacy (pre-EIP-2718) transaction: <c>[nonce, gasPrice, gas, to, value, data]</c>. With a
/// <see cref="ChainId"/> it uses EIP-155 replay protection: the signing payload appends
/// <c>chainId, 0, 0</c> and v = chainId·2 + 35 + y-parity; without one, v = 27 + y-parity.
/// </summary>
public sealed class LegacyTransaction : Transaction
{
    /// <inheritdoc/>
    public override TransactionType Type => TransactionType.Legacy;

    /// <summary>The chain id for EIP-155 replay protection, or null for an unprotected (pre-EIP-155) transaction.</summary>
    public ulong? ChainId { get; init; }

    /// <summary>The gas price in wei.</summary>
    public BigInteger GasPrice { get; init; }

    private protected override int FieldsLength =>
        RlpWriter.LengthOf(Nonce) + RlpWriter.LengthOf(GasPrice) + RlpWriter.LengthOf(GasLimit) + LengthOfTo(To) +
        RlpWriter.LengthOf(Value) + RlpWriter.LengthOfString(Data.Span);

    private protected override int SigningSuffixLength => ChainId is { } chainId ? RlpWriter.LengthOf(chainId) + 2 : 0;

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt64(Nonce);
        writer.WriteBigInteger(GasPrice);
        writer.WriteUInt64(GasLimit);
        WriteTo(ref writer, To);
        writer.WriteBigInteger(Value);
        writer.WriteString(Data.Span);
    }

    private protected override void WriteSigningSuffix(ref RlpWriter writer)
    {
        if (ChainId is { } chainId)
        {
            writer.WriteUInt64(chainId);
            writer.WriteUInt64(0);
            writer.WriteUInt64(0);
        }
    }

    private protected override BigInteger EncodeV(byte yParity) =>
        ChainId is { } chainId ? new BigInteger(chainId) * 2 + 35 + yParity : 27 + yParity;

    internal static LegacyTransaction ReadFields(ref RlpReader reader, ulong? chainId) => new()
    {
        ChainId = chainId,
        Nonce = reader.ReadUInt64("nonce"),
        GasPrice = reader.ReadBigInteger("gasPrice"),
        GasLimit = reader.ReadUInt64("gas"),
        To = reader.ReadOptionalAddress("to"),
        Value = reader.ReadBigInteger("value"),
        Data = reader.ReadString().ToArray(),
    };
}
