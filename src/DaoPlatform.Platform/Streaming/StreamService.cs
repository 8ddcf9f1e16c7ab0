using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform.Streaming;

/// <summary>A stream's state: times (seconds since the epoch) and amounts (token base units).</summary>
public sealed record StreamStatus(StreamVault.StreamKey Key, ulong StopTime, ulong SettledTime, BigInteger Withdrawable, BigInteger Unstreamed);

/// <summary>A payee's view of the revenue splitter (token base units).</summary>
public sealed record SplitShares(Address Account, BigInteger Shares, BigInteger TotalShares, BigInteger Releasable, BigInteger Unreleased);

/// <summary>
/// Per-second ERC-20 streams (<see cref="StreamVault"/>) and revenue released to payees by shares
/// (<see cref="RevenueSplitter"/>); docs/streaming.md. Each move's summary names the token by its symbol and its
/// amounts in the token's decimals (read once per token by a <see cref="TokenInfoReader"/>).
/// </summary>
public sealed class StreamService(ChainConnection chain, PlatformContracts platform)
{
    private const ulong Day = 86_400;

    private readonly TokenInfoReader _tokens = new(chain.Contracts);

    /// <summary>The symbol and decimals of <paramref name="token"/>, or null when it states none.</summary>
    public Task<TokenInfo?> TokenAsync(Address token, CancellationToken cancellationToken = default) => _tokens.ReadAsync(token, cancellationToken);

    /// <summary>
    /// Streams <paramref name="amountPerDay"/> token base units a day to <paramref name="recipient"/> for
    /// <paramref name="durationSeconds"/>: approves the deposit, then creates the stream. Returns its key.
    /// </summary>
    public async Task<(StreamVault.StreamKey Key, IReadOnlyList<TransactionOutcome> Outcomes)> CreateAsync(
        Address token, Address recipient, BigInteger amountPerDay, ulong durationSeconds, CancellationToken cancellationToken = default)
    {
        if (amountPerDay.Sign <= 0 || durationSeconds == 0)
        {
            throw PlatformException.BadInput("a stream needs a positive amount per day and a positive duration");
        }
        BigInteger scale = await platform.Streams.RateScaleAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger rate = amountPerDay * scale / Day;
        BigInteger deposit = rate * durationSeconds / scale;
        TokenInfo? info = await _tokens.ReadAsync(token, cancellationToken).ConfigureAwait(false);
        var outcomes = await new MoveSender(chain).SendAllAsync(
            StreamMoves.Create(platform.Streams.Address, token, recipient, rate, durationSeconds, deposit, info), cancellationToken).ConfigureAwait(false);
        var e = platform.Streams.DecodeStreamCreatedEvents(outcomes[^1].Receipt).Single();
        return (new StreamVault.StreamKey(token, e.Payer, recipient, rate, e.StartTime), outcomes);
    }

    /// <summary>Pays the recipient what has streamed so far (anyone may trigger it).</summary>
    public async Task<TransactionOutcome> WithdrawAsync(StreamVault.StreamKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TokenInfo? info = await _tokens.ReadAsync(key.Token, cancellationToken).ConfigureAwait(false);
        return await new MoveSender(chain).SendAsync(StreamMoves.Withdraw(platform.Streams.Address, key, info), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels the stream (the payer): streamed funds go to the recipient, the rest back to the payer.</summary>
    public async Task<TransactionOutcome> CancelAsync(StreamVault.StreamKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TokenInfo? info = await _tokens.ReadAsync(key.Token, cancellationToken).ConfigureAwait(false);
        return await new MoveSender(chain).SendAsync(StreamMoves.Cancel(platform.Streams.Address, key, info), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stream's state.</summary>
    /// <exception cref="PlatformException">No open stream with these terms.</exception>
    public async Task<StreamStatus> StatusAsync(StreamVault.StreamKey key, CancellationToken cancellationToken = default)
    {
        byte[] id = await platform.Streams.StreamIdOfAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        var state = await platform.Streams.GetStreamAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (state.StopTime == 0)
        {
            throw PlatformException.NotFound("no open stream has these terms (it may have ended and been withdrawn, or been cancelled)");
        }
        return new StreamStatus(
            key, state.StopTime, state.SettledTime,
            await platform.Streams.WithdrawableAmountAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false),
            await platform.Streams.UnstreamedAmountAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deposits <paramref name="amount"/> of the splitter's token as revenue (approve, then deposit).</summary>
    public async Task<IReadOnlyList<TransactionOutcome>> DepositRevenueAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        Address token = await platform.Splitter.RevenueTokenAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        TokenInfo? info = await _tokens.ReadAsync(token, cancellationToken).ConfigureAwait(false);
        return await new MoveSender(chain).SendAllAsync(StreamMoves.DepositRevenue(platform.Splitter.Address, token, amount, info), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases what <paramref name="account"/> is owed (anyone may trigger it).</summary>
    public Task<TransactionOutcome> ReleaseAsync(Address account, CancellationToken cancellationToken = default) =>
        new MoveSender(chain).SendAsync(StreamMoves.Release(platform.Splitter.Address, account), cancellationToken);

    /// <summary><paramref name="account"/>'s shares and what it can release now.</summary>
    public async Task<SplitShares> SharesAsync(Address account, CancellationToken cancellationToken = default)
    {
        var s = platform.Splitter;
        return new SplitShares(
            account,
            await s.SharesOfAsync(account, cancellationToken: cancellationToken).ConfigureAwait(false),
            await s.TotalSharesAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            await s.ReleasableAsync(account, cancellationToken: cancellationToken).ConfigureAwait(false),
            await s.UnreleasedAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
    }
}
