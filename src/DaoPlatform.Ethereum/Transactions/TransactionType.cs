namespace DaoPlatform.Ethereum.Transactions;

/// <summary>The EIP-2718 transaction type: the first byte of a typed transaction's encoding.</summary>
public enum TransactionType : byte
{
    /// <summary>A pre-EIP-2718 transaction: a bare RLP list, with or without EIP-155 replay protection.</summary>
    Legacy = 0x00,

    /// <summary>EIP-2930: a gas price and an access list.</summary>
    AccessList = 0x01,

    /// <summary>EIP-1559: a priority fee and a fee cap, with an access list.</summary>
    DynamicFee = 0x02,

    /// <summary>OP-stack deposit: created by L1 deposits, never signed.</summary>
    Deposit = 0x7e,
}
