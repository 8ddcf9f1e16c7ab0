using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.OpStack;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.IntegrationTests.OpStack;

/// <summary>The local L1-fee formulas against the GasPriceOracle predeploy the devnet installs.</summary>
public sealed class GasPriceOracleTests
{
    private EthRpcClient _eth = null!;
    private GasPriceOracle _oracle = null!;

    [SetUp]
    public void CreateClient()
    {
        _eth = Devnet.Client();
        _oracle = new GasPriceOracle(_eth);
    }

    [TearDown]
    public void DisposeClient() => _eth.Rpc.Dispose();

    [Test]
    public async Task ReadsTheParametersTheDevnetSet()
    {
        Assert.That(await _oracle.IsEcotoneAsync(), Is.True);
        Assert.That(await _oracle.IsFjordAsync(), Is.True);
        L1FeeParameters parameters = await _oracle.GetParametersAsync();
        // The values scripts/lib/devnet-predeploys.mjs sets.
        Assert.That(parameters, Is.EqualTo(new L1FeeParameters(5227, 1_014_213, 10_000_000_000, 1_000_000_000)));
    }

    /// <summary>Byte strings shaped like transactions: short, long, random, repetitive, mostly zero.</summary>
    private static IEnumerable<TestCaseData> Payloads()
    {
        var random = new Random(42);
        byte[] Random(int n)
        {
            byte[] bytes = new byte[n];
            random.NextBytes(bytes);
            return bytes;
        }
        yield return new TestCaseData(Random(3)).SetName("tiny (below the Fjord floor)");
        yield return new TestCaseData(Random(120)).SetName("120 random bytes");
        yield return new TestCaseData(Random(1500)).SetName("1500 random bytes");
        yield return new TestCaseData(new byte[2000]).SetName("2000 zero bytes");
        byte[] calldataLike = [.. Enumerable.Range(0, 40).SelectMany(i => new byte[28].Concat(BitConverter.GetBytes(i)))];
        yield return new TestCaseData(calldataLike).SetName("ABI-like words");
        byte[] repeated = [.. Enumerable.Repeat(Random(50), 30).SelectMany(b => b)];
        yield return new TestCaseData(repeated).SetName("a 50-byte block 30 times");
    }

    [TestCase("transfer")]
    [TestCase("contract call")]
    [TestCase("ErrorProbe deployment")]
    public async Task LocalFjordFeeOfARealTransactionEqualsTheOracles(string kind)
    {
        var transaction = new DynamicFeeTransaction
        {
            ChainId = 10,
            Nonce = 3,
            MaxPriorityFeePerGas = 1_000_000,
            MaxFeePerGas = 2_000_000_000,
            GasLimit = 500_000,
            To = kind == "ErrorProbe deployment" ? null : Devnet.Account1,
            Value = kind == "transfer" ? 1_000_000_000_000_000 : 0,
            Data = kind switch
            {
                "contract call" => AbiFunction.Parse("setValue(uint256,bytes32)").EncodeCall(7, new byte[32]),
                "ErrorProbe deployment" => Artifacts.Bytecode(Artifacts.ErrorProbePath),
                _ => Array.Empty<byte>(),
            },
        };
        byte[] unsigned = transaction.GetSigningPayload();
        L1FeeParameters parameters = await _oracle.GetParametersAsync();
        Assert.That(L1FeeCalculator.Fjord(unsigned, parameters), Is.EqualTo(await _oracle.GetL1FeeAsync(unsigned)));
    }

    [TestCaseSource(nameof(Payloads))]
    public async Task LocalFjordFeeEqualsTheOracles(byte[] unsignedTransaction)
    {
        L1FeeParameters parameters = await _oracle.GetParametersAsync();
        BigInteger onChain = await _oracle.GetL1FeeAsync(unsignedTransaction);
        Assert.That(onChain, Is.GreaterThan(BigInteger.Zero));
        Assert.That(L1FeeCalculator.Fjord(unsignedTransaction, parameters), Is.EqualTo(onChain));
    }

    [Test]
    public async Task LocalEcotoneFeeEqualsAnEcotoneOnlyOraclesFee()
    {
        // The oracle's code at a fresh address with only Ecotone switched on, as the depositor does.
        Address ecotoneOracle = EthereumKey.Generate().Address;
        byte[] code = await _eth.GetCodeAsync(Address.Parse("0xc0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3000f"));
        await AnvilCheats.SetCodeAsync(_eth, ecotoneOracle, code);
        Address depositor = Address.Parse("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");
        TransactionReceipt enabled = await AnvilCheats.SendAsAsync(_eth, depositor, ecotoneOracle, AbiFunction.Parse("setEcotone()").EncodeCall());
        Assert.That(enabled.Succeeded, Is.True);

        var oracle = new GasPriceOracle(_eth, ecotoneOracle);
        Assert.That(await oracle.IsEcotoneAsync(), Is.True);
        Assert.That(await oracle.IsFjordAsync(), Is.False);
        L1FeeParameters parameters = await oracle.GetParametersAsync();
        foreach (TestCaseData payload in Payloads())
        {
            byte[] unsignedTransaction = (byte[])payload.Arguments[0]!;
            Assert.That(L1FeeCalculator.Ecotone(unsignedTransaction, parameters), Is.EqualTo(await oracle.GetL1FeeAsync(unsignedTransaction)), payload.TestName);
        }
    }
}
