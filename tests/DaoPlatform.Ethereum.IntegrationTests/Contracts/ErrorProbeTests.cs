using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;

namespace DaoPlatform.Ethereum.IntegrationTests.Contracts;

/// <summary>
/// The Hardhat-compiled ErrorProbe deployed from its artifact by a signed transaction, then called:
/// views, a state change with its event, and each kind of revert decoded.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "OneTimeTearDown disposes the session.")]
public sealed class ErrorProbeTests
{
    private ContractAbi _abi = null!;
    private DevnetSession _session = null!;
    private Address _probe;
    private TransactionReceipt _deployment = null!;

    [OneTimeSetUp]
    public async Task Deploy()
    {
        _abi = ContractAbi.Parse(Artifacts.AbiJson(Artifacts.ErrorProbePath));
        // The client decodes revert payloads against the probe's custom errors.
        var rpc = new JsonRpcClient(Devnet.Url, revertDecoder: _abi.CreateRevertDecoder());
        _session = new DevnetSession(Devnet.Account0Key, new TransactionSenderOptions { RevertDecoder = _abi.CreateRevertDecoder() }, rpc);
        _deployment = await _session.Sender.SendAndWaitAsync(new TransactionRequest { Data = Artifacts.Bytecode(Artifacts.ErrorProbePath) });
        _probe = _deployment.ContractAddress!.Value;
    }

    [OneTimeTearDown]
    public void Close() => _session.Dispose();

    [Test]
    public async Task DeploymentLeavesRuntimeCode()
    {
        Assert.That(_deployment.Succeeded, Is.True);
        Assert.That(_deployment.To, Is.Null);
        Assert.That(await _session.Eth.GetCodeAsync(_probe), Is.Not.Empty);
    }

    [Test]
    public async Task CallsAView()
    {
        AbiFunction add = _abi.GetFunction("add");
        byte[] result = await _session.Eth.CallAsync(new CallRequest { To = _probe, Data = add.EncodeCall(40, 2) });
        Assert.That(add.DecodeOutput(result).Get<BigInteger>(0), Is.EqualTo(new BigInteger(42)));
    }

    [Test]
    public async Task StateChangeEmitsTheEventAndLogsFilterByTopics()
    {
        AbiFunction setValue = _abi.GetFunction("setValue");
        AbiEvent changed = _abi.GetEvent("ValueChanged");
        byte[] tagA = Tag(0xa1);
        byte[] tagB = Tag(0xb2);
        TransactionReceipt first = await _session.Sender.SendAndWaitAsync(new TransactionRequest { To = _probe, Data = setValue.EncodeCall(7, tagA) });
        TransactionReceipt second = await _session.Sender.SendAndWaitAsync(new TransactionRequest { To = _probe, Data = setValue.EncodeCall(9, tagB) });

        LogEntry log = second.Logs.Single();
        AbiValues decoded = changed.DecodeLog(log.Topics, log.Data);
        Assert.That(decoded.Get<Address>("setter"), Is.EqualTo(_session.Sender.Address));
        Assert.That(decoded.Get<BigInteger>("oldValue"), Is.EqualTo(new BigInteger(7)));
        Assert.That(decoded.Get<BigInteger>("newValue"), Is.EqualTo(new BigInteger(9)));

        var range = new LogFilter { Addresses = [_probe], FromBlock = BlockTag.Number(first.BlockNumber), ToBlock = BlockTag.Number(second.BlockNumber) };
        byte[] topic0 = changed.Topic0.ToArray();
        byte[] setter = changed.EncodeTopic(0, _session.Sender.Address);

        IReadOnlyList<LogEntry> byTag = await _session.Eth.GetLogsAsync(range with { Topics = [[topic0], null, [tagB]] });
        Assert.That(byTag.Select(l => l.TransactionHash), Is.EqualTo(new[] { second.TransactionHash }));

        IReadOnlyList<LogEntry> eitherTag = await _session.Eth.GetLogsAsync(range with { Topics = [[topic0], [setter], [tagA, tagB]] });
        Assert.That(eitherTag.Select(l => l.TransactionHash), Is.EqualTo(new[] { first.TransactionHash, second.TransactionHash }));

        byte[] stranger = changed.EncodeTopic(0, Devnet.Account1);
        Assert.That(await _session.Eth.GetLogsAsync(range with { Topics = [null, [stranger]] }), Is.Empty);

        IReadOnlyList<LogEntry> inBlock = await _session.Eth.GetLogsAsync(new LogFilter { BlockHash = first.BlockHash, Addresses = [_probe] });
        Assert.That(inBlock.Single().Topics[2], Is.EqualTo(tagA));
    }

    [Test]
    public async Task CallRevertingWithACustomErrorIsDecoded()
    {
        byte[] data = _abi.GetFunction("setValue").EncodeCall(5000, Tag(1));
        var error = await Assert.ThrowsAsync<ExecutionRevertedException>(() =>
            _session.Eth.CallAsync(new CallRequest { From = _session.Sender.Address, To = _probe, Data = data }));
        Assert.That(error!.Revert.Kind, Is.EqualTo(RevertKind.CustomError));
        Assert.That(error.Revert.Error!.Name, Is.EqualTo("ValueTooLarge"));
        Assert.That(error.Revert.Arguments!.Get<BigInteger>("value"), Is.EqualTo(new BigInteger(5000)));
        Assert.That(error.Revert.Arguments!.Get<BigInteger>("limit"), Is.EqualTo(new BigInteger(1000)));
        Assert.That(error.Message, Does.Contain("ValueTooLarge"));
    }

    [Test]
    public async Task RequireStringAndPanicAreDecoded()
    {
        var require = await Assert.ThrowsAsync<ExecutionRevertedException>(() =>
            _session.Eth.CallAsync(new CallRequest { To = _probe, Data = _abi.GetFunction("requireOk").EncodeCall(false) }));
        Assert.That(require!.Revert.Reason, Is.EqualTo("ErrorProbe: not ok"));

        var panic = await Assert.ThrowsAsync<ExecutionRevertedException>(() =>
            _session.Eth.CallAsync(new CallRequest { To = _probe, Data = _abi.GetFunction("divide").EncodeCall(1, 0) }));
        Assert.That(panic!.Revert.PanicCode, Is.EqualTo(new BigInteger(0x12)));
    }

    [Test]
    public async Task SendingARevertingCallFailsAtGasEstimation()
    {
        byte[] data = _abi.GetFunction("setValue").EncodeCall(1001, Tag(2));
        var error = await Assert.ThrowsAsync<ExecutionRevertedException>(() =>
            _session.Sender.SendAsync(new TransactionRequest { To = _probe, Data = data }));
        Assert.That(error!.Method, Is.EqualTo("eth_estimateGas"));
        Assert.That(error.Revert.Error!.Name, Is.EqualTo("ValueTooLarge"));
    }

    [Test]
    public async Task MinedRevertIsReplayedForItsReason()
    {
        // A fixed gas limit skips estimation, so the failing transaction is mined.
        byte[] data = _abi.GetFunction("setValue").EncodeCall(2000, Tag(3));
        var error = await Assert.ThrowsAsync<TransactionRevertedException>(() =>
            _session.Sender.SendAndWaitAsync(new TransactionRequest { To = _probe, Data = data, GasLimit = 100_000 }));
        Assert.That(error!.Receipt.Succeeded, Is.False);
        Assert.That(error.Revert!.Error!.Name, Is.EqualTo("ValueTooLarge"));
        Assert.That(error.Revert.Arguments!.Get<BigInteger>("value"), Is.EqualTo(new BigInteger(2000)));
        Assert.That(error.Message, Does.Contain(error.Receipt.TransactionHash).And.Contain("ValueTooLarge"));
        // The nonce was used: the next transaction goes through.
        Assert.That((await _session.Sender.SendAndWaitAsync(new TransactionRequest { To = Devnet.Account1, Value = 1 })).Succeeded, Is.True);
    }

    private static byte[] Tag(byte last)
    {
        byte[] tag = new byte[32];
        tag[31] = last;
        return tag;
    }
}
