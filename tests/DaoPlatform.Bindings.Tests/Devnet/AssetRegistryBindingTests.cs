using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;

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
        var cid = RawSha256Cid(content);
        // Content no task has seen is registered in two steps; each commitment is mined in a block before the registration.
        await CommitAsync(content);
        await CommitAsync(other);

        var simulated = await _registry.SimulateRegisterCommittedAsync(0, content, cid, "ipfs://metadata", Devnet.Account0, Salt);
        var receipt = await _registry.RegisterCommittedAsync(0, content, cid, "ipfs://metadata", Devnet.Account0, Salt);

        var minted = _registry.DecodeTransferEvents(receipt).Single();
        Assert.That(minted.TokenId, Is.EqualTo(simulated));
        Assert.That(minted.To, Is.EqualTo(Devnet.Account0));
        Assert.That(await _registry.CidOfAsync(simulated), Is.EqualTo(cid));
        Assert.That(await _registry.SimulateRegisterCommittedAsync(0, other, RawSha256Cid(other), "ipfs://m", Devnet.Account0, Salt), Is.EqualTo(simulated + 1));
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

    /// <summary>CIDv1, raw codec, sha2-256 multihash, base32 lower-case without padding (multibase prefix 'b').</summary>
    private static string RawSha256Cid(byte[] digest)
    {
        byte[] bytes = [0x01, 0x55, 0x12, 0x20, .. digest];
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var text = new System.Text.StringBuilder("b");
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
