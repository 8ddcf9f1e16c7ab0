using System.Numerics;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>
/// An EIP-2930 transaction, type 0x01:
/// <c>0x01 || rlp([chainId, nonce, gasPrice, gas, to, value, data, accessList, yParity, r, s])</c>.
/// </summary>
public sealed class AccessListTransaction : Transaction
{
    /// <inheritdoc/>
    public override TransactionType Type => TransactionType.AccessList;

    /// <summary>The chain id.</summary>
    public ulong ChainId { get; init; }

    /// <summary>The gas price in wei.</summary>
    public BigInteger GasPrice { get; init; }

    /// <summary>The accounts and storage slots to pre-warm.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    private protected override int FieldsLength =>
        RlpWriter.LengthOf(ChainId) + RlpWriter.LengthOf(Nonce) + RlpWriter.LengthOf(GasPrice) + RlpWriter.LengthOf(GasLimit) +
        LengthOfTo(To) + RlpWriter.LengthOf(Value) + RlpWriter.LengthOfString(Data.Span) + AccessListCodec.EncodedLength(AccessList);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt64(ChainId);
        writer.WriteUInt64(Nonce);
        writer.WriteBigInteger(GasPrice);
        writer.WriteUInt64(GasLimit);
        WriteTo(ref writer, To);
        writer.WriteBigInteger(Value);
        writer.WriteString(Data.Span);
        AccessListCodec.Write(ref writer, AccessList);
    }

    internal static AccessListTransaction ReadFields(ref RlpReader reader) => new()
    {
        ChainId = reader.ReadUInt64("chainId"),
        Nonce = reader.ReadUInt64("nonce"),
        GasPrice = reader.ReadBigInteger("gasPrice"),
        GasLimit = reader.ReadUInt64("gas"),
        To = reader.ReadOptionalAddress("to"),
        Value = reader.ReadBigInteger("value"),
        Data = reader.ReadString().ToArray(),
        AccessList = AccessListCodec.Read(ref reader),
    };
}
