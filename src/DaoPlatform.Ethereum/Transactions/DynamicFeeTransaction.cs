using System.Numerics;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>
/// An EIP-1559 transaction, type 0x02:
/// <c>0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data, accessList, yParity, r, s])</c>.
/// </summary>
public sealed class DynamicFeeTransaction : Transaction
{
    /// <inheritdoc/>
    public override TransactionType Type => TransactionType.DynamicFee;

    /// <summary>The chain id.</summary>
    public ulong ChainId { get; init; }

    /// <summary>The most wei per gas paid to the block producer above the base fee.</summary>
    public BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>The most wei per gas paid in total (base fee plus priority fee).</summary>
    public BigInteger MaxFeePerGas { get; init; }

    /// <summary>The accounts and storage slots to pre-warm.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    private protected override int FieldsLength =>
        RlpWriter.LengthOf(ChainId) + RlpWriter.LengthOf(Nonce) + RlpWriter.LengthOf(MaxPriorityFeePerGas) +
        RlpWriter.LengthOf(MaxFeePerGas) + RlpWriter.LengthOf(GasLimit) + LengthOfTo(To) + RlpWriter.LengthOf(Value) +
        RlpWriter.LengthOfString(Data.Span) + AccessListCodec.EncodedLength(AccessList);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt64(ChainId);
        writer.WriteUInt64(Nonce);
        writer.WriteBigInteger(MaxPriorityFeePerGas);
        writer.WriteBigInteger(MaxFeePerGas);
        writer.WriteUInt64(GasLimit);
        WriteTo(ref writer, To);
        writer.WriteBigInteger(Value);
        writer.WriteString(Data.Span);
        AccessListCodec.Write(ref writer, AccessList);
    }

    internal static DynamicFeeTransaction ReadFields(ref RlpReader reader) => new()
    {
        ChainId = reader.ReadUInt64("chainId"),
        Nonce = reader.ReadUInt64("nonce"),
        MaxPriorityFeePerGas = reader.ReadBigInteger("maxPriorityFeePerGas"),
        MaxFeePerGas = reader.ReadBigInteger("maxFeePerGas"),
        GasLimit = reader.ReadUInt64("gas"),
        To = reader.ReadOptionalAddress("to"),
        Value = reader.ReadBigInteger("value"),
        Data = reader.ReadString().ToArray(),
        AccessList = AccessListCodec.Read(ref reader),
    };
}
