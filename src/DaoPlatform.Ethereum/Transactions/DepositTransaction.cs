using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>
/// An OP-stack deposit transaction, type 0x7E, as the rollup node derives it from L1:
/// <c>0x7e || rlp([sourceHash, from, to, mint, value, gas, isSystemTx, data])</c>.
/// It carries no signature — L1 authenticated the depositor — so it is only ever decoded here.
/// </summary>
public sealed class DepositTransaction : ITransactionEnvelope
{
    internal const int FieldCount = 8;

    private readonly byte[] _raw;
    private readonly byte[] _hash;
    private readonly byte[] _sourceHash;

    private DepositTransaction(ReadOnlySpan<byte> raw, ref RlpReader fields)
    {
        _sourceHash = fields.ReadFixedString(32, "sourceHash").ToArray();
        From = fields.ReadAddress("from");
        To = fields.ReadOptionalAddress("to");
        Mint = fields.ReadBigInteger("mint");
        Value = fields.ReadBigInteger("value");
        GasLimit = fields.ReadUInt64("gas");
        int flagOffset = fields.Offset;
        ReadOnlySpan<byte> flag = fields.ReadString();
        IsSystemTransaction = flag.Length switch
        {
            0 => false,
            1 when flag[0] == 1 => true,
            _ => throw new TransactionException($"Deposit transaction: isSystemTx at offset {flagOffset} must be empty (false) or 0x01 (true)."),
        };
        Data = fields.ReadString().ToArray();
        _raw = raw.ToArray();
        _hash = Keccak256.Hash(_raw);
    }

    /// <inheritdoc/>
    public TransactionType Type => TransactionType.Deposit;

    /// <summary>Uniquely identifies the L1 origin of the deposit (user deposit, L1 attributes, upgrade).</summary>
    public ReadOnlySpan<byte> SourceHash => _sourceHash;

    /// <inheritdoc/>
    public Address From { get; }

    /// <summary>The recipient, or null for a contract creation.</summary>
    public Address? To { get; }

    /// <summary>The ETH minted on L2 to <see cref="From"/>, locked on L1.</summary>
    public BigInteger Mint { get; }

    /// <summary>The wei sent to <see cref="To"/>.</summary>
    public BigInteger Value { get; }

    /// <summary>The L2 gas limit.</summary>
    public ulong GasLimit { get; }

    /// <summary>True for a pre-Regolith system transaction (no gas metering).</summary>
    public bool IsSystemTransaction { get; }

    /// <summary>The call data.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Raw => _raw;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Hash => _hash;

    internal static DepositTransaction Read(ReadOnlySpan<byte> raw, ref RlpReader fields) => new(raw, ref fields);
}
