namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The wordings Ethereum nodes use for the transaction rejections the sender acts on, and the typed exception each
/// maps to. Nodes agree on no error code (-32000, -32001, -32003, -32010 all occur), so the message decides: a
/// rejection matches when its message contains one of the kind's phrases at the start of a word, compared without
/// regard to case ("unknown transaction type" is not "known transaction").
/// </summary>
/// <remarks>
/// Each phrase names the clients whose sources word it so (read from their error definitions); a new client
/// wording is one more line here and one more test case.
/// </remarks>
internal static class NodeErrorWordings
{
    private delegate RpcErrorException Factory(string method, long code, string message, string? dataJson);

    private static readonly (string Phrase, Factory Create)[] Phrases =
    [
        // geth and op-geth core.ErrNonceTooLow (txpool: "nonce too low: next nonce 5, tx nonce 3"; state transition:
        // "nonce too low: address 0x…, tx: 3 state: 5"); reth and anvil ("nonce too low: next nonce 5, tx nonce 3"); Erigon txpool DiscardReason;
        // Nethermind TxPoolErrorMessages.NonceTooLow; Besu RpcErrorType.NONCE_TOO_LOW ("Nonce too low", -32001).
        ("nonce too low", (m, c, t, d) => new NonceTooLowException(m, c, t, d)),
        // Nethermind before its geth-style messages: AcceptTxResult.OldNonce, printed by name.
        ("OldNonce", (m, c, t, d) => new NonceTooLowException(m, c, t, d)),
        // OpenEthereum (-32010): "Transaction nonce is too low. Try incrementing the nonce."
        ("nonce is too low", (m, c, t, d) => new NonceTooLowException(m, c, t, d)),

        // geth, op-geth txpool.ErrReplaceUnderpriced; Erigon, reth, anvil, Nethermind: "replacement transaction
        // underpriced"; Besu ETH_SEND_TX_REPLACEMENT_UNDERPRICED: "Replacement transaction underpriced".
        ("replacement transaction underpriced", (m, c, t, d) => new ReplacementUnderpricedException(m, c, t, d)),
        // Nethermind before its geth-style messages: AcceptTxResult.OwnNonceAlreadyUsed and ReplacementNotAllowed.
        ("OwnNonceAlreadyUsed", (m, c, t, d) => new ReplacementUnderpricedException(m, c, t, d)),
        ("ReplacementNotAllowed", (m, c, t, d) => new ReplacementUnderpricedException(m, c, t, d)),
        // OpenEthereum: "Transaction gas price is too low. There is another transaction with same nonce in the queue. ..."
        ("another transaction with same nonce", (m, c, t, d) => new ReplacementUnderpricedException(m, c, t, d)),

        // geth, op-geth txpool.ErrAlreadyKnown; Erigon DiscardReason AlreadyKnown; reth; Nethermind: "already known".
        ("already known", (m, c, t, d) => new AlreadyKnownException(m, c, t, d)),
        // Nethermind before its geth-style messages: AcceptTxResult.AlreadyKnown, printed by name.
        ("AlreadyKnown", (m, c, t, d) => new AlreadyKnownException(m, c, t, d)),
        // Besu ETH_SEND_TX_ALREADY_KNOWN ("Known transaction"); geth before 1.9.x ("known transaction: 0x…").
        ("known transaction", (m, c, t, d) => new AlreadyKnownException(m, c, t, d)),
        // anvil PoolError::AlreadyImported ("transaction already imported"); OpenEthereum ("Transaction with the same
        // hash was already imported.").
        ("already imported", (m, c, t, d) => new AlreadyKnownException(m, c, t, d)),
        // Erigon DiscardReason DuplicateHash: "existing tx with same hash" / "existing txn with same hash".
        ("with same hash", (m, c, t, d) => new AlreadyKnownException(m, c, t, d)),

        // geth, op-geth core.ErrInsufficientFunds ("insufficient funds for gas * price + value: balance …, tx cost …,
        // overshot …") and ErrInsufficientFundsForTransfer; reth, anvil ("… have X want Y"); Erigon ("insufficient
        // funds"); Nethermind; OpenEthereum ("Insufficient funds. The account you tried to send transaction from …").
        ("insufficient funds", (m, c, t, d) => new InsufficientFundsException(m, c, t, d)),
        // Nethermind before its geth-style messages: AcceptTxResult.InsufficientFunds, printed by name.
        ("InsufficientFunds", (m, c, t, d) => new InsufficientFundsException(m, c, t, d)),
        // Besu TRANSACTION_UPFRONT_COST_EXCEEDS_BALANCE (-32004).
        ("upfront cost exceeds account balance", (m, c, t, d) => new InsufficientFundsException(m, c, t, d)),

        // geth, op-geth core.ErrIntrinsicGas ("intrinsic gas too low: gas 20000, minimum needed 21000"); reth, anvil,
        // Nethermind: "intrinsic gas too low".
        ("intrinsic gas too low", (m, c, t, d) => new IntrinsicGasTooLowException(m, c, t, d)),
        // Erigon txpool DiscardReason IntrinsicGas, printed as "IntrinsicGas".
        ("IntrinsicGas", (m, c, t, d) => new IntrinsicGasTooLowException(m, c, t, d)),
        // Besu INTRINSIC_GAS_EXCEEDS_LIMIT (-32003): "Intrinsic gas exceeds gas limit".
        ("intrinsic gas exceeds gas limit", (m, c, t, d) => new IntrinsicGasTooLowException(m, c, t, d)),
        // OpenEthereum: "Transaction gas is too low. There is not enough gas to cover minimal cost of the transaction …".
        ("not enough gas to cover minimal cost", (m, c, t, d) => new IntrinsicGasTooLowException(m, c, t, d)),
    ];

    /// <summary>The typed exception for a node's error, or a plain <see cref="RpcErrorException"/> when no phrase matches.</summary>
    public static RpcErrorException Classify(string method, long code, string message, string? dataJson)
    {
        foreach ((string phrase, Factory create) in Phrases)
        {
            if (ContainsWord(message, phrase))
            {
                return create(method, code, message, dataJson);
            }
        }
        return new RpcErrorException(method, code, message, dataJson);
    }

    private static bool ContainsWord(string message, string phrase)
    {
        for (int at = message.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = message.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at == 0 || !char.IsLetter(message[at - 1]))
            {
                return true;
            }
        }
        return false;
    }
}
