using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// Per-second token streams (StreamVault) and the revenue splitter's deposits and releases. Each move that names a token
/// takes its <see cref="TokenInfo"/> (as <see cref="AccessPassMoves.Buy"/> does), so that a summary reads "30 USDC",
/// not a base-unit integer of an address; without it, amounts are shown in 18 decimals of the token's address.
/// </summary>
public static class StreamMoves
{
    /// <summary>
    /// Streams <paramref name="ratePerSecond"/> (token base units per second, scaled by the vault's <c>RATE_SCALE</c>)
    /// of <paramref name="token"/> to <paramref name="recipient"/> for <paramref name="duration"/> seconds: approve the
    /// deposit (<paramref name="deposit"/> base units), then <c>create</c>.
    /// </summary>
    public static IReadOnlyList<Move> Create(Address streams, Address token, Address recipient, BigInteger ratePerSecond, ulong duration, BigInteger deposit, TokenInfo? info = null) =>
        TaskMoves.WithApproval(token, streams, deposit, $"a stream to {recipient}",
            new Move("StreamVault.create", streams, StreamVault.EncodeCreateCall(token, recipient, ratePerSecond, duration), BigInteger.Zero,
                $"stream {Amounts.Of(deposit, token, info)} to {recipient} over {UnitFormat.Duration(duration)}"),
            info);

    /// <summary><c>withdraw(key)</c>: the recipient takes what has streamed so far (<paramref name="info"/>: the stream's token).</summary>
    public static Move Withdraw(Address streams, StreamVault.StreamKey key, TokenInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Move("StreamVault.withdraw", streams, StreamVault.EncodeWithdrawCall(key), BigInteger.Zero,
            $"withdraw what has streamed of {TokenName(key.Token, info)} from {key.Payer} to {key.Recipient}");
    }

    /// <summary><c>cancel(key)</c>: the payer stops the stream; what streamed goes to the recipient, the rest back (<paramref name="info"/>: the stream's token).</summary>
    public static Move Cancel(Address streams, StreamVault.StreamKey key, TokenInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Move("StreamVault.cancel", streams, StreamVault.EncodeCancelCall(key), BigInteger.Zero,
            $"cancel the stream of {TokenName(key.Token, info)} from {key.Payer} to {key.Recipient} (started {UnitFormat.Timestamp(key.StartTime)})");
    }

    /// <summary>Deposits <paramref name="amount"/> of the revenue token into the splitter: approve, then <c>deposit</c>.</summary>
    public static IReadOnlyList<Move> DepositRevenue(Address splitter, Address revenueToken, BigInteger amount, TokenInfo? info = null) =>
        TaskMoves.WithApproval(revenueToken, splitter, amount, "a revenue deposit",
            new Move("RevenueSplitter.deposit", splitter, RevenueSplitter.EncodeDepositCall(amount), BigInteger.Zero,
                $"deposit {Amounts.Of(amount, revenueToken, info)} of revenue for the shareholders"),
            info);

    /// <summary><c>release(account)</c>: pays <paramref name="account"/> its released share of the revenue.</summary>
    public static Move Release(Address splitter, Address account) =>
        new("RevenueSplitter.release", splitter, RevenueSplitter.EncodeReleaseCall(account), BigInteger.Zero,
            $"release {account}'s share of the revenue to it");

    /// <summary>The token by its symbol when its metadata was read (the decoded call beside the summary shows its address), else by its address.</summary>
    private static string TokenName(Address token, TokenInfo? info) => info?.Symbol ?? $"token {token}";
}
