using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// Withdrawals of what the platform owes an account (pull payments): verifier credits (returned bonds, challenge
/// rewards), task credits (rewards, returned stakes), asset revenue, stream balances and splitter releases.
/// </summary>
public static class WithdrawalMoves
{
    /// <summary><c>OptimisticVerifier.withdraw(token)</c>: the sender's verifier credits of <paramref name="amount"/> in <paramref name="token"/> (ETH when zero).</summary>
    public static Move VerifierCredits(Address verifier, Address token, BigInteger amount) =>
        new("OptimisticVerifier.withdraw", verifier, OptimisticVerifier.EncodeWithdrawCall(token), BigInteger.Zero,
            $"withdraw {Amounts.Of(amount, token)} of verifier credits (returned bonds and challenge rewards)");

    /// <summary><c>TrainingTasks.withdraw(token)</c>: the sender's task credits (rewards won, stakes returned).</summary>
    public static Move TaskCredits(Address tasks, Address token, BigInteger amount) =>
        new("TrainingTasks.withdraw", tasks, TrainingTasks.EncodeWithdrawCall(token), BigInteger.Zero,
            $"withdraw {Amounts.Of(amount, token)} of task credits (rewards won and stakes returned)");

    /// <summary><c>AssetRegistry.withdrawRevenueETH(to)</c>: the sender's ETH revenue from its assets, paid to <paramref name="to"/>.</summary>
    public static Move AssetRevenueEth(Address registry, Address to, BigInteger amount) =>
        new("AssetRegistry.withdrawRevenueETH", registry, AssetRegistry.EncodeWithdrawRevenueETHCall(to), BigInteger.Zero,
            $"withdraw {UnitFormat.Ether(amount)} of asset revenue to {to}");

    /// <summary><c>AssetRegistry.withdrawRevenue(token, to)</c>: the sender's revenue in <paramref name="token"/>, paid to <paramref name="to"/>.</summary>
    public static Move AssetRevenue(Address registry, Address token, Address to, BigInteger amount) =>
        new("AssetRegistry.withdrawRevenue", registry, AssetRegistry.EncodeWithdrawRevenueCall(token, to), BigInteger.Zero,
            $"withdraw {Amounts.Of(amount, token)} of asset revenue to {to}");
}
