using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Evaluation.Identifiers;

namespace DaoPlatform.Ethereum.IntegrationTests.Bindings;

/// <summary>Simulating a state-changing function with eth_call, then sending it, through the AssetRegistry binding.</summary>
public sealed class AssetRegistryBindingTests : IDisposable
{
    private readonly DevnetSession _session = new(Devnet.Account0Key);
    private AssetRegistry _registry = null!;

    [SetUp]
    public async Task Deploy() => _registry = await AssetRegistry.DeployAsync(new ContractConnection(_session.Eth, _session.Sender));

    public void Dispose() => _session.Dispose();

    [Test]
    public async Task Simulate_returns_what_the_transaction_then_does()
    {
        var content = SHA256.HashData("model weights v1"u8);
        var cid = ContentId.FromSha256(content);

        var simulated = await _registry.SimulateRegisterAsync(0, content, cid, "ipfs://metadata");
        var receipt = await _registry.RegisterAsync(0, content, cid, "ipfs://metadata");

        var minted = _registry.DecodeTransferEvents(receipt).Single();
        Assert.That(minted.TokenId, Is.EqualTo(simulated));
        Assert.That(minted.To, Is.EqualTo(Devnet.Account0));
        Assert.That(await _registry.CidOfAsync(simulated), Is.EqualTo(cid));
        Assert.That(await _registry.SimulateRegisterAsync(0, SHA256.HashData("other"u8), ContentId.FromSha256(SHA256.HashData("other"u8)), "ipfs://m"), Is.EqualTo(simulated + 1));
    }

    [Test]
    public async Task A_simulated_revert_throws_the_typed_error()
    {
        var error = (await Assert.ThrowsAsync<AssetRegistry.InvalidCidError>(() => _registry.SimulateRegisterAsync(0, new byte[32].Select(_ => (byte)1).ToArray(), "not-a-cid", "ipfs://m")))!;

        Assert.That(error.Cid, Is.EqualTo("not-a-cid"));
        Assert.That(await _registry.BalanceOfAsync(Devnet.Account0), Is.EqualTo(BigInteger.Zero), "nothing was sent");
    }
}
