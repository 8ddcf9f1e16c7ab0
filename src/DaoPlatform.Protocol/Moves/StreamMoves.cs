using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol.Moves;

/// <summary>Per-second token streams (StreamVault) and the revenue splitter's deposits and releases.</summary>
public static class StreamMoves
{
    /// <summary>
    /// Streams <paramref name="ratePerSecond"/> (token base units per second, scaled by the vault's <c>RATE_SCALE</c>)
    /// of <paramref name="token"/> to <paramref name="recipient"/> for <paramref name="duration"/> seconds: approve the
    /// deposit (<paramref name="deposit"/> base units), then <c>create</c>.
    /// </summary>
    public static IReadOnlyList<Move> Create(Address streams, Address token, Address recipient, BigInteger ratePerSecond, ulong duration, BigInteger deposit) =>
        TaskMoves.WithApproval(token, streams, deposit, $"a stream to {recipient}",
            new Move("StreamVault.create", streams, StreamVault.EncodeCreateCall(token, recipient, ratePerSecond, duration), BigInteger.Zero,
                $"stream {Amounts.Of(deposit, token)} to {recipient} over {UnitFormat.Duration(duration)}"));

    /// <summary><c>withdraw(key)</c>: the recipient takes what has streamed so far.</summary>
    public static Move Withdraw(Address streams, StreamVault.StreamKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Move("StreamVault.withdraw", streams, StreamVault.EncodeWithdrawCall(key), BigInteger.Zero,
            $"withdraw what has streamed of token {key.Token} from {key.Payer} to {key.Recipient}");
    }

    /// <summary><c>cancel(key)</c>: the payer stops the stream; what streamed goes to the recipient, the rest back.</summary>
    public static Move Cancel(Address streams, StreamVault.StreamKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Move("StreamVault.cancel", streams, StreamVault.EncodeCancelCall(key), BigInteger.Zero,
            $"cancel the stream of token {key.Token} from {key.Payer} to {key.Recipient} (started {UnitFormat.Timestamp(key.StartTime)})");
    }

    /// <summary>Deposits <paramref name="amount"/> of the revenue token into the splitter: approve, then <c>deposit</c>.</summary>
    public static IReadOnlyList<Move> DepositRevenue(Address splitter, Address revenueToken, BigInteger amount) =>
        TaskMoves.WithApproval(revenueToken, splitter, amount, "a revenue deposit",
            new Move("RevenueSplitter.deposit", splitter, RevenueSplitter.EncodeDepositCall(amount), BigInteger.Zero,
                $"deposit {Amounts.Of(amount, revenueToken)} of revenue for the shareholders"));

    /// <summary><c>release(account)</c>: pays <paramref name="account"/> its released share of the revenue.</summary>
    public static Move Release(Address splitter, Address account) =>
        new("RevenueSplitter.release", splitter, RevenueSplitter.EncodeReleaseCall(account), BigInteger.Zero,
            $"release {account}'s share of the revenue to it");
}
