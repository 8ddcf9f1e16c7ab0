using System.Text.Json;
using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Ethereum.Tests.JsonRpc;

/// <summary>
/// Each client's wording of the rejections the sender acts on, as its source writes it (see NodeErrorWordings for
/// where each comes from), reaches the caller as the one typed exception of its kind, with the node's text kept.
/// </summary>
public sealed class NodeErrorWordingTests
{
    [TestCase(-32000, "nonce too low", TestName = "nonce too low: geth, op-geth, Erigon, Nethermind (bare)")]
    [TestCase(-32000, "nonce too low: next nonce 5, tx nonce 3", TestName = "nonce too low: geth/op-geth txpool, reth, anvil")]
    [TestCase(-32000, "nonce too low: address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, tx: 3 state: 5", TestName = "nonce too low: geth state transition")]
    [TestCase(-32001, "Nonce too low", TestName = "nonce too low: Besu")]
    [TestCase(-32010, "OldNonce", TestName = "nonce too low: Nethermind AcceptTxResult")]
    [TestCase(-32010, "Transaction nonce is too low. Try incrementing the nonce.", TestName = "nonce too low: OpenEthereum")]
    public Task NonceTooLow(long code, string message) => Maps<NonceTooLowException>(code, message);

    [TestCase(-32000, "replacement transaction underpriced", TestName = "replacement underpriced: geth, op-geth, Erigon, reth, Nethermind")]
    [TestCase(-32003, "replacement transaction underpriced", TestName = "replacement underpriced: anvil (-32003)")]
    [TestCase(-32000, "Replacement transaction underpriced", TestName = "replacement underpriced: Besu")]
    [TestCase(-32010, "OwnNonceAlreadyUsed", TestName = "replacement underpriced: Nethermind AcceptTxResult (older)")]
    [TestCase(-32010, "ReplacementNotAllowed", TestName = "replacement underpriced: Nethermind AcceptTxResult")]
    [TestCase(-32010, "Transaction gas price is too low. There is another transaction with same nonce in the queue. Try increasing the gas price or incrementing the nonce.",
        TestName = "replacement underpriced: OpenEthereum")]
    public Task ReplacementUnderpriced(long code, string message) => Maps<ReplacementUnderpricedException>(code, message);

    [TestCase(-32000, "already known", TestName = "already known: geth, op-geth, Erigon, reth, Nethermind")]
    [TestCase(-32010, "AlreadyKnown", TestName = "already known: Nethermind AcceptTxResult")]
    [TestCase(-32000, "Known transaction", TestName = "already known: Besu")]
    [TestCase(-32000, "known transaction: 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", TestName = "already known: geth before 1.9")]
    [TestCase(-32003, "transaction already imported", TestName = "already known: anvil")]
    [TestCase(-32010, "Transaction with the same hash was already imported.", TestName = "already known: OpenEthereum")]
    [TestCase(-32000, "INTERNAL_ERROR: existing tx with same hash", TestName = "already known: Erigon duplicate hash")]
    public Task AlreadyKnown(long code, string message) => Maps<AlreadyKnownException>(code, message);

    [TestCase(-32000, "insufficient funds for gas * price + value: balance 100, tx cost 2100000000021000, overshot 2100000000020900",
        TestName = "insufficient funds: geth, op-geth")]
    [TestCase(-32000, "insufficient funds for transfer", TestName = "insufficient funds: geth transfer")]
    [TestCase(-32003, "insufficient funds for gas * price + value: have 100 want 2100000000021000", TestName = "insufficient funds: reth, anvil")]
    [TestCase(-32000, "insufficient funds", TestName = "insufficient funds: Erigon")]
    [TestCase(-32010, "InsufficientFunds, Account balance: 4740799397601480913, cumulative cost: 22019342038993800000",
        TestName = "insufficient funds: Nethermind AcceptTxResult")]
    [TestCase(-32004, "Upfront cost exceeds account balance", TestName = "insufficient funds: Besu")]
    [TestCase(-32010, "Insufficient funds. The account you tried to send transaction from does not have enough funds. Required 200 and got: 100.",
        TestName = "insufficient funds: OpenEthereum")]
    public Task InsufficientFunds(long code, string message) => Maps<InsufficientFundsException>(code, message);

    [TestCase(-32000, "intrinsic gas too low: gas 20000, minimum needed 21000", TestName = "intrinsic gas: geth, op-geth")]
    [TestCase(-32003, "intrinsic gas too low", TestName = "intrinsic gas: reth, anvil, Nethermind")]
    [TestCase(-32000, "IntrinsicGas", TestName = "intrinsic gas: Erigon")]
    [TestCase(-32003, "Intrinsic gas exceeds gas limit", TestName = "intrinsic gas: Besu")]
    [TestCase(-32010, "Transaction gas is too low. There is not enough gas to cover minimal cost of the transaction (minimal: 21000, got: 20000). Try increasing supplied gas.",
        TestName = "intrinsic gas: OpenEthereum")]
    public Task IntrinsicGasTooLow(long code, string message) => Maps<IntrinsicGasTooLowException>(code, message);

    [TestCase(-32000, "unknown transaction type", TestName = "other: 'unknown transaction type' is not 'known transaction'")]
    [TestCase(-32000, "transaction underpriced", TestName = "other: underpriced without a replacement")]
    [TestCase(-32000, "nonce too high", TestName = "other: nonce too high")]
    [TestCase(-32000, "exceeds block gas limit", TestName = "other: exceeds block gas limit")]
    public async Task OtherRejectionsStayPlainNodeErrors(long code, string message)
    {
        RpcErrorException error = await Send(code, message);
        Assert.That(error.GetType(), Is.EqualTo(typeof(RpcErrorException)));
    }

    private static async Task Maps<TException>(long code, string message)
        where TException : RpcErrorException
    {
        RpcErrorException error = await Send(code, message);

        Assert.That(error, Is.TypeOf<TException>());
        Assert.That((error.Method, error.Code, error.NodeMessage), Is.EqualTo(("eth_sendRawTransaction", code, message)));
        Assert.That(error.Message, Is.EqualTo($"eth_sendRawTransaction failed with JSON-RPC error {code}: {message}"));
    }

    private static async Task<RpcErrorException> Send(long code, string message)
    {
        string error = JsonSerializer.Serialize(new { code, message });
        using var http = new HttpClient(new StubNode(request => $$"""{"jsonrpc":"2.0","id":{{StubNode.Id(request)}},"error":{{error}}}"""));
        using var rpc = new JsonRpcClient(StubNode.Url, http);
        return (await Assert.ThrowsAsync(Is.InstanceOf<RpcErrorException>(), () => new EthRpcClient(rpc).SendRawTransactionAsync(new byte[] { 0x02 })) as RpcErrorException)!;
    }
}
