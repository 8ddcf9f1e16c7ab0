using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Identifiers;

namespace DaoPlatform.Ethereum.IntegrationTests.Bindings;

/// <summary>Simulating a state-changing function with eth_call, then sending it, through the AssetRegistry binding.</summary>
public sealed class AssetRegistryBindingTests : IDisposable
{
    private readonly DevnetSession _session = new(Devnet.Account0Key);
    private AssetRegistry _registry = null!;

    [SetUp]
    public async Task Deploy() => _registry = await AssetRegistry.DeployAsync(new ContractConnection(_session.Eth, _session.Sender), Address.Zero);

    public void Dispose() => _session.Dispose();

    [Test]
    public async Task Simulate_returns_what_the_transaction_then_does()
    {
        var content = SHA256.HashData("model weights v1"u8);
        var other = SHA256.HashData("other"u8);
        var cid = ContentId.FromSha256(content);
        // Content no task has seen is registered in two steps; each commitment is mined in a block before the registration.
        await CommitAsync(content);
        await CommitAsync(other);

        var simulated = await _registry.SimulateRegisterCommittedAsync(0, content, cid, "ipfs://metadata", Devnet.Account0, Salt);
        var receipt = await _registry.RegisterCommittedAsync(0, content, cid, "ipfs://metadata", Devnet.Account0, Salt);

        var minted = _registry.DecodeTransferEvents(receipt).Single();
        Assert.That(minted.TokenId, Is.EqualTo(simulated));
        Assert.That(minted.To, Is.EqualTo(Devnet.Account0));
        Assert.That(await _registry.CidOfAsync(simulated), Is.EqualTo(cid));
        Assert.That(await _registry.SimulateRegisterCommittedAsync(0, other, ContentId.FromSha256(other), "ipfs://m", Devnet.Account0, Salt), Is.EqualTo(simulated + 1));
    }

    [Test]
    public async Task A_simulated_revert_throws_the_typed_error()
    {
        var content = new byte[32].Select(_ => (byte)1).ToArray();
        await CommitAsync(content);
        await CommitAsync(SHA256.HashData("a later block"u8));

        var error = (await Assert.ThrowsAsync<AssetRegistry.InvalidCidError>(() => _registry.SimulateRegisterCommittedAsync(0, content, "not-a-cid", "ipfs://m", Devnet.Account0, Salt)))!;

        Assert.That(error.Cid, Is.EqualTo("not-a-cid"));
        Assert.That(await _registry.BalanceOfAsync(Devnet.Account0), Is.EqualTo(BigInteger.Zero), "nothing was sent");
    }

    private static readonly byte[] Salt = SHA256.HashData("registration salt"u8);

    private async Task CommitAsync(byte[] content) =>
        await _registry.CommitRegistrationAsync(await _registry.RegistrationCommitmentAsync(content, Devnet.Account0, Salt, Devnet.Account0));
}
