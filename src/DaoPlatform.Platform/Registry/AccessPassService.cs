using System.Numerics;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Platform.Registry;

/// <summary>An offer of passes: the pass id (ERC-1155 token id) and its terms.</summary>
public sealed record PassOffer(BigInteger PassId, AccessPasses.Terms Terms);

/// <summary>A pass an account holds: how many units, and until when its access is open (duration passes; null when not opened).</summary>
public sealed record HeldPass(BigInteger PassId, AccessPasses.Terms Terms, BigInteger Units, DateTimeOffset? AccessUntil);

/// <summary>A registered asset as <see cref="AccessPassService.ListAsync"/> lists it; Revenue is the ETH paid for it, in wei.</summary>
public sealed record ListedAsset(BigInteger AssetId, AssetKind Kind, string Cid, Address Author, Address Owner, BigInteger Revenue);

/// <summary>What <see cref="AccessPassService.PublishAsync"/> did.</summary>
public sealed record PublishedAsset(BigInteger AssetId, BigInteger PassId, AssetManifest Manifest, IReadOnlyList<TransactionOutcome> Outcomes);

/// <summary>
/// The asset market on the AccessPasses contract: publishing (encrypt into a content store, register, offer terms),
/// reading the terms offered for an asset and the passes an account holds (from events, read in ranges of at most
/// <see cref="MaxLogRange"/> blocks from the deployment block), and buying. Every transaction is a move
/// (<see cref="AccessPassMoves"/>, <see cref="RegistryMoves"/>) sent by <see cref="MoveSender"/>.
/// </summary>
public sealed class AccessPassService(ChainConnection chain, PlatformContracts platform)
{
    private readonly MoveSender _sender = new(chain);

    /// <summary>The most blocks one eth_getLogs spans (nodes commonly cap a query at 10,000 blocks).</summary>
    public ulong MaxLogRange { get; init; } = 10_000;

    /// <summary>
    /// Encrypts <paramref name="content"/> into <paramref name="store"/> (the node's content store), registers it as
    /// <paramref name="kind"/> (commit, then register in a later block), and offers passes at <paramref name="price"/>
    /// (wei of ETH, or of <paramref name="paymentToken"/>) for <paramref name="duration"/> seconds or <paramref name="uses"/>
    /// downloads; then, if given, lets <paramref name="consumer"/> (the content service's key) record uses.
    /// </summary>
    /// <exception cref="PlatformException">The terms name both or neither of duration and uses, the content is registered
    /// already, or the store holds it already under another node key or as public (nothing in the store is changed then).</exception>
    public async Task<PublishedAsset> PublishAsync(EncryptedAssetStore store, Stream content, AssetKind kind, Address paymentToken, BigInteger price,
        ulong duration, ulong uses, Address? consumer, string? metadataUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        if ((duration == 0) == (uses == 0))
        {
            throw PlatformException.BadInput("give exactly one of --duration and --uses");
        }
        if (price <= 0)
        {
            throw PlatformException.BadInput("--price must be above zero");
        }
        Address sender = chain.RequireAccount("publish an asset");
        AssetManifest manifest;
        try
        {
            // The same content stored already as asked gives its manifest back (a publication that stopped before
            // registering runs again); stored otherwise, it is refused and the live manifest left alone.
            manifest = await store.AddAsync(content, isPublic: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw PlatformException.Refused(e.Message);
        }
        byte[] contentHash = HexConvert.Decode(manifest.ContentHash);
        try
        {
            BigInteger existing = await platform.Registry.TokenOfContentAsync(contentHash, cancellationToken: cancellationToken).ConfigureAwait(false);
            throw PlatformException.BadInput($"this content is already registered as asset {existing}");
        }
        catch (ContractRevertException e) when (e.ErrorSignature?.StartsWith("ContentNotRegistered", StringComparison.Ordinal) == true)
        {
            // Not registered yet: go on.
        }
        Address registry = platform.Registry.Address;
        Address passes = platform.Passes.Address;
        byte[] salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        byte[] commitment = await platform.Registry.RegistrationCommitmentAsync(contentHash, sender, salt, sender, cancellationToken: cancellationToken).ConfigureAwait(false);
        var outcomes = new List<TransactionOutcome>
        {
            await _sender.SendAsync(RegistryMoves.CommitRegistration(registry, commitment), cancellationToken).ConfigureAwait(false),
        };
        TransactionOutcome registered = await _sender.SendAsync(
            RegistryMoves.RegisterCommitted(registry, (byte)kind, contentHash, manifest.Cid, metadataUri ?? $"ipfs://{manifest.Cid}/metadata.json", sender, salt), cancellationToken).ConfigureAwait(false);
        outcomes.Add(registered);
        BigInteger assetId = platform.Registry.DecodeAssetRegisteredEvents(registered.Receipt).Single().TokenId;
        TokenInfo? token = paymentToken == Address.Zero ? null : await new TokenInfoReader(chain.Contracts).ReadAsync(paymentToken, cancellationToken).ConfigureAwait(false);
        TransactionOutcome offered = await _sender.SendAsync(AccessPassMoves.Offer(passes, assetId, paymentToken, price, duration, uses, token), cancellationToken).ConfigureAwait(false);
        outcomes.Add(offered);
        BigInteger passId = platform.Passes.DecodeTermsOfferedEvents(offered.Receipt).Single().PassId;
        if (consumer is { } service)
        {
            outcomes.Add(await _sender.SendAsync(AccessPassMoves.SetConsumer(passes, assetId, service, true), cancellationToken).ConfigureAwait(false));
        }
        return new PublishedAsset(assetId, passId, manifest, outcomes);
    }

    /// <summary>The terms offered for asset <paramref name="assetId"/>, oldest first, with whether each is on sale now.</summary>
    /// <exception cref="PlatformException">No such asset.</exception>
    public async Task<IReadOnlyList<PassOffer>> TermsAsync(BigInteger assetId, CancellationToken cancellationToken = default)
    {
        await new AssetService(chain, platform).RequireAssetAsync(assetId, cancellationToken).ConfigureAwait(false);
        ulong latest = await chain.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var logs = await LogRanges.QueryAsync(platform.Addresses.DeploymentBlock, latest, MaxLogRange,
            (from, to) => platform.Passes.QueryTermsOfferedEventsAsync(from, to, assetId: assetId, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var offers = new List<PassOffer>(logs.Count);
        foreach (var log in logs)
        {
            offers.Add(new PassOffer(log.Event.PassId, await platform.Passes.TermsOfAsync(log.Event.PassId, cancellationToken: cancellationToken).ConfigureAwait(false)));
        }
        return offers;
    }

    /// <summary>The terms of pass <paramref name="passId"/>.</summary>
    /// <exception cref="PlatformException">No such pass.</exception>
    public async Task<AccessPasses.Terms> TermsOfPassAsync(BigInteger passId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await platform.Passes.TermsOfAsync(passId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e) when (e.ErrorSignature?.StartsWith("UnknownPass", StringComparison.Ordinal) == true)
        {
            throw PlatformException.NotFound($"pass {passId} does not exist");
        }
    }

    /// <summary>
    /// Buys <paramref name="quantity"/> passes for the sender: pass <paramref name="passId"/>, or, when null, the newest
    /// terms on sale for asset <paramref name="assetId"/>.
    /// </summary>
    /// <exception cref="PlatformException">No such asset or pass, the pass is for another asset, or nothing is on sale.</exception>
    public async Task<(BigInteger PassId, IReadOnlyList<TransactionOutcome> Outcomes)> BuyAsync(BigInteger assetId, BigInteger? passId, BigInteger quantity, CancellationToken cancellationToken = default)
    {
        Address buyer = chain.RequireAccount("buy a pass");
        if (quantity <= 0)
        {
            throw PlatformException.BadInput("--quantity must be at least 1");
        }
        PassOffer offer;
        if (passId is { } id)
        {
            offer = new PassOffer(id, await TermsOfPassAsync(id, cancellationToken).ConfigureAwait(false));
            if (offer.Terms.AssetId != assetId)
            {
                throw PlatformException.BadInput($"pass {id} is for asset {offer.Terms.AssetId}, not asset {assetId}");
            }
        }
        else
        {
            offer = (await TermsAsync(assetId, cancellationToken).ConfigureAwait(false)).LastOrDefault(o => o.Terms.OnSale)
                ?? throw PlatformException.NotFound($"asset {assetId} has no passes on sale");
        }
        if (!offer.Terms.OnSale)
        {
            throw PlatformException.Refused($"pass {offer.PassId} is not on sale");
        }
        TokenInfo? token = offer.Terms.PaymentToken == Address.Zero ? null
            : await new TokenInfoReader(chain.Contracts).ReadAsync(offer.Terms.PaymentToken, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Move> moves = AccessPassMoves.Buy(platform.Passes.Address, offer.PassId, offer.Terms, quantity, buyer, token);
        return (offer.PassId, await _sender.SendAllAsync(moves, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The passes <paramref name="account"/> holds now (found from the TransferSingle events that sent it passes).</summary>
    public async Task<IReadOnlyList<HeldPass>> PassesAsync(Address account, CancellationToken cancellationToken = default)
    {
        ulong latest = await chain.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var logs = await LogRanges.QueryAsync(platform.Addresses.DeploymentBlock, latest, MaxLogRange,
            (from, to) => platform.Passes.QueryTransferSingleEventsAsync(from, to, to: account, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var held = new List<HeldPass>();
        foreach (BigInteger passId in logs.Select(l => l.Event.Id).Distinct())
        {
            BigInteger units = await platform.Passes.BalanceOfAsync(account, passId, cancellationToken: cancellationToken).ConfigureAwait(false);
            ulong until = await platform.Passes.AccessUntilAsync(account, passId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (units > 0 || until != 0)
            {
                AccessPasses.Terms terms = await platform.Passes.TermsOfAsync(passId, cancellationToken: cancellationToken).ConfigureAwait(false);
                held.Add(new HeldPass(passId, terms, units, until == 0 ? null : DateTimeOffset.FromUnixTimeSeconds((long)until)));
            }
        }
        return held;
    }

    /// <summary>
    /// Every registered asset, oldest first: kind, CID, the account it was registered for (its author), its owner now,
    /// and the ETH revenue paid for it (pass sales and direct payments), from the AssetRegistered and RevenuePaid events.
    /// </summary>
    public async Task<IReadOnlyList<ListedAsset>> ListAsync(CancellationToken cancellationToken = default)
    {
        ulong latest = await chain.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        AssetRegistry registry = platform.Registry;
        var registered = await LogRanges.QueryAsync(platform.Addresses.DeploymentBlock, latest, MaxLogRange,
            (from, to) => registry.QueryAssetRegisteredEventsAsync(from, to, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var paid = await LogRanges.QueryAsync(platform.Addresses.DeploymentBlock, latest, MaxLogRange,
            (from, to) => registry.QueryRevenuePaidEventsAsync(from, to, asset: Address.Zero, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var revenue = new Dictionary<BigInteger, BigInteger>();
        foreach (var log in paid)
        {
            revenue[log.Event.TokenId] = revenue.GetValueOrDefault(log.Event.TokenId) + log.Event.Amount;
        }
        var assets = new List<ListedAsset>(registered.Count);
        foreach (var log in registered)
        {
            Address owner = await registry.OwnerOfAsync(log.Event.TokenId, cancellationToken: cancellationToken).ConfigureAwait(false);
            assets.Add(new ListedAsset(log.Event.TokenId, (AssetKind)log.Event.Kind, log.Event.Cid, log.Event.Owner, owner, revenue.GetValueOrDefault(log.Event.TokenId)));
        }
        return assets;
    }

    /// <summary>The sender's ETH revenue from its assets (all of them: the registry credits the owner, not the asset), and its withdrawal.</summary>
    public async Task<(BigInteger Amount, TransactionOutcome? Outcome)> WithdrawRevenueAsync(CancellationToken cancellationToken = default)
    {
        Address owner = chain.RequireAccount("withdraw revenue");
        BigInteger amount = await platform.Registry.RevenueOfAsync(owner, Address.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (amount.IsZero)
        {
            return (amount, null);
        }
        return (amount, await _sender.SendAsync(AccessPassMoves.WithdrawRevenueEth(platform.Registry.Address, owner, amount), cancellationToken).ConfigureAwait(false));
    }
}
