using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>Governance steps the tests arrange with the members' own keys (what another member did before the page opens).</summary>
internal static class Governance
{
    /// <summary>Proposes sending <paramref name="wei"/> from the treasury to <paramref name="to"/> as <paramref name="member"/>; returns the id.</summary>
    public static async Task<BigInteger> ProposeTransferAsync(string member, Address to, BigInteger wei, string description)
    {
        using ChainConnection chain = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys[member]));
        var governor = new DaoGovernor(HubFixture.Deployment.AddressOf(nameof(DaoGovernor)), chain.Contracts);
        TransactionReceipt receipt = await governor.ProposeAsync([to], [wei], [[]], description);
        return governor.DecodeProposalCreatedEvents(receipt).Single().ProposalId;
    }

    /// <summary>Votes as <paramref name="member"/> (0 against, 1 for, 2 abstain) with a reason.</summary>
    public static async Task VoteAsync(string member, BigInteger proposalId, byte support, string reason)
    {
        using ChainConnection chain = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys[member]));
        await new DaoGovernor(HubFixture.Deployment.AddressOf(nameof(DaoGovernor)), chain.Contracts).CastVoteWithReasonAsync(proposalId, support, reason);
    }

    /// <summary>Moves the chain's clock forward and mines a block.</summary>
    public static async Task AdvanceAsync(long seconds)
    {
        EthRpcClient eth = Devnet.Client();
        try
        {
            await AnvilCheats.AdvanceAsync(eth, seconds);
        }
        finally
        {
            eth.Rpc.Dispose();
        }
    }
}
