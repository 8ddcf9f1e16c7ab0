using System.Numerics;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// A view read by an account without ETH: the devnet (anvil in OP mode with the L1 fee predeploys) charges every
/// <c>eth_call</c> the L1 data fee from its <c>from</c> and refused such a read as "insufficient funds". The read
/// succeeds, and <c>from</c> is still the caller (<c>MultisigVault.checkSignatures</c> reads <c>msg.sender</c>).
/// </summary>
public sealed class UnfundedReadTests
{
    [Test]
    public async Task A_view_called_from_a_fresh_unfunded_key_succeeds_and_still_sees_its_caller()
    {
        EthereumKey fresh = EthereumKey.Generate();
        EthereumKey other = EthereumKey.Generate();
        using ChainConnection deployer = await ChainConnection.OpenAsync(Devnet.Url, null, DevKeys.Key(DevKeys.Deployer));
        MultisigVault deployed = await MultisigVault.DeployAsync(deployer.Contracts, [fresh.Address, other.Address], 1);

        using ChainConnection reader = await ChainConnection.OpenAsync(Devnet.Url, null, fresh);
        Assert.That(await reader.Eth.GetBalanceAsync(fresh.Address), Is.EqualTo(BigInteger.Zero), "no ETH at all");
        var vault = new MultisigVault(deployed.Address, reader.Contracts);

        Assert.That(await vault.ThresholdAsync(), Is.EqualTo(BigInteger.One), "a plain view");
        Assert.That(await vault.IsOwnerAsync(fresh.Address), Is.True);

        // An "approved hash" entry (v = 1, r = the owner) passes only when that owner is the caller.
        byte[] hash = new byte[32];
        hash[31] = 7;
        await vault.CheckSignaturesAsync(hash, ApprovedBy(fresh.Address)); // the caller is the owner: from was sent
        var notTheCaller = (await Assert.ThrowsAsync<MultisigVault.HashNotApprovedError>(() => vault.CheckSignaturesAsync(hash, ApprovedBy(other.Address))))!;
        Assert.That(notTheCaller.Owner, Is.EqualTo(other.Address), "another owner's entry is not the caller's");
    }

    private static byte[] ApprovedBy(Address owner)
    {
        byte[] entry = new byte[65];
        owner.Bytes.CopyTo(entry.AsSpan(12, 20));
        entry[64] = 1;
        return entry;
    }
}
