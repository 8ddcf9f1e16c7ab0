using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Governance;

/// <summary>One call a proposal makes from the timelock: target, ETH value (wei), calldata, and what it does in words.</summary>
public sealed record ProposalAction(Address Target, BigInteger Value, byte[] Calldata, string Summary)
{
    /// <summary>Funds the task committee (the platform's multisig vault) with <paramref name="amount"/> wei from the treasury.</summary>
    public static ProposalAction FundTaskCommittee(PlatformContracts platform, BigInteger amount)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return new(platform.Vault.Address, amount, [], $"fund the task committee's vault with {EtherAmount.Format(amount)} ETH");
    }

    /// <summary>
    /// Moves treasury funds: <paramref name="amount"/> wei of ETH to <paramref name="to"/>, or of the ERC-20
    /// <paramref name="token"/> when given.
    /// </summary>
    public static ProposalAction Transfer(Address to, BigInteger amount, Address? token = null) => token is { } t
        ? new(t, 0, DaoToken.EncodeTransferCall(to, amount), $"transfer {EtherAmount.Format(amount)} of token {t} to {to}")
        : new(to, amount, [], $"transfer {EtherAmount.Format(amount)} ETH to {to}");

    /// <summary>Sets the verifier's challenge window (seconds).</summary>
    public static ProposalAction SetChallengeWindow(PlatformContracts platform, ulong seconds)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return new(platform.Verifier.Address, 0, OptimisticVerifier.EncodeSetChallengeWindowCall(seconds), $"set the challenge window to {Duration.Format(seconds)}");
    }

    /// <summary>Sets the verifier's minimum evaluator bond (wei).</summary>
    public static ProposalAction SetMinEvaluatorBond(PlatformContracts platform, BigInteger bond)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return new(platform.Verifier.Address, 0, OptimisticVerifier.EncodeSetMinEvaluatorBondCall(bond), $"set the minimum evaluator bond to {EtherAmount.Format(bond)} ETH");
    }

    /// <summary>
    /// Sets the availability game's least challenge bond (wei, 0.0001 to 1 ETH); <paramref name="availability"/> is
    /// <c>TrainingTasks.availability()</c>, whose owner is the verifier's (the timelock).
    /// </summary>
    public static ProposalAction SetMinChallengeBond(Address availability, BigInteger bond) =>
        new(availability, 0, ModelAvailability.EncodeSetMinChallengeBondCall(bond), $"set the least availability challenge bond to {EtherAmount.Format(bond)} ETH");

    /// <summary>Sets the challenger's share of a slashed bond (basis points).</summary>
    public static ProposalAction SetChallengerShare(PlatformContracts platform, BigInteger bps)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return new(platform.Verifier.Address, 0, OptimisticVerifier.EncodeSetChallengerShareCall(bps), $"set the challenger share to {bps} bps");
    }

    /// <summary>Gives <paramref name="account"/> <paramref name="shares"/> revenue shares in the splitter.</summary>
    public static ProposalAction SetRevenueShares(PlatformContracts platform, Address account, BigInteger shares)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return new(platform.Splitter.Address, 0, RevenueSplitter.EncodeSetSharesCall(account, shares), $"give {account} {shares} revenue shares");
    }

    /// <summary>A raw call.</summary>
    public static ProposalAction Raw(Address target, BigInteger value, byte[] calldata) =>
        new(target, value, calldata, $"call {target} with {calldata.Length} bytes of calldata and {EtherAmount.Format(value)} ETH");
}
