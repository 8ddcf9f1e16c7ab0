using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Identifiers;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform.Registry;

/// <summary>What an asset is (AssetRegistry.AssetKind).</summary>
public enum AssetKind : byte
{
    /// <summary>A model.</summary>
    Model = 0,

    /// <summary>A dataset.</summary>
    Dataset = 1,

    /// <summary>Code.</summary>
    Code = 2,
}

/// <summary>A registered asset: its token id, the CID the registry holds, the CID the content store keeps its bytes under, the transactions.</summary>
/// <param name="TokenId">The new token.</param>
/// <param name="Cid">The registry's CID: CIDv1 raw sha2-256 of the whole content (the only form AssetRegistry takes).</param>
/// <param name="StoredCid">The content store's CID (<c>ipfs add --cid-version 1</c>): the same as <paramref name="Cid"/> up to 256 KiB, the UnixFS root above.</param>
/// <param name="Outcomes">The transactions, the registration last.</param>
public sealed record RegisteredAsset(BigInteger TokenId, string Cid, Cid StoredCid, IReadOnlyList<TransactionOutcome> Outcomes);

/// <summary>
/// The asset registry: AI assets as ERC-721 tokens named by their content (keccak256 of the bytes, and a CID whose
/// sha2-256 digest the registry checks), moved like any NFT, and paid revenue that their holder withdraws.
/// </summary>
public sealed class AssetService(ChainConnection chain, PlatformContracts platform)
{
    /// <summary>
    /// Puts <paramref name="content"/> (the asset's bytes, public) into <paramref name="store"/>, then registers it as
    /// <paramref name="kind"/> with its CID and metadata URI (default <c>ipfs://&lt;cid&gt;/metadata.json</c>). A model
    /// the sender revealed in a task is registered directly by its proven author; other content through
    /// commitRegistration, then registerCommitted in a later block.
    /// </summary>
    /// <exception cref="PlatformException">The content is registered already, or the store failed or is read-only (nothing sent).</exception>
    public Task<RegisteredAsset> RegisterAsync(
        AssetKind kind, byte[] content, IContentStore store, string? metadataUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(store);
        return RegisterAsync(kind, content, Keccak256.Hash(content), store, metadataUri, cancellationToken);
    }

    /// <summary>
    /// Registers the DQM1 model <paramref name="content"/> as <see cref="RegisterAsync(AssetKind, byte[], IContentStore, string?, CancellationToken)"/>
    /// does, but under its model root (docs/evaluation.md §11) rather than the keccak256 of its bytes: the content hash by
    /// which a large model is known on chain, so that it can be a large-model task's incumbent (docs/training-tasks.md §9.3)
    /// and a trainer who committed it in a task registers it as its proven author.
    /// </summary>
    /// <exception cref="PlatformException">The content is no DQM1 model, is registered already, or the store failed.</exception>
    public Task<RegisteredAsset> RegisterModelByRootAsync(byte[] content, IContentStore store, string? metadataUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(store);
        byte[] modelRoot;
        try
        {
            modelRoot = new Evaluation.LargeModels.ModelCommitment(Evaluation.Formats.Dqm1.Read(content)).ModelRoot;
        }
        catch (Exception e) when (e is Evaluation.EvaluationException or ArgumentException)
        {
            throw PlatformException.BadInput($"the model is not a DQM1 file: {e.Message}", e);
        }
        return RegisterAsync(AssetKind.Model, content, modelRoot, store, metadataUri, cancellationToken);
    }

    private async Task<RegisteredAsset> RegisterAsync(
        AssetKind kind, byte[] content, byte[] hash, IContentStore store, string? metadataUri, CancellationToken cancellationToken)
    {
        string cid = ContentId.Of(content);
        try
        {
            BigInteger existing = await platform.Registry.TokenOfContentAsync(hash, cancellationToken: cancellationToken).ConfigureAwait(false);
            throw PlatformException.BadInput($"this content is already registered as asset {existing}");
        }
        catch (DaoPlatform.Ethereum.Contracts.ContractRevertException e) when (e.ErrorSignature?.StartsWith("ContentNotRegistered", StringComparison.Ordinal) == true)
        {
            // Not registered yet: go on.
        }
        Address sender = chain.RequireAccount("register an asset");
        // In the store before it is registered: whoever reads the registry's CID finds the bytes.
        Cid stored;
        try
        {
            stored = await store.PutAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ContentStoreException or NotSupportedException)
        {
            throw PlatformException.BadInput($"cannot put the asset into the content store: {e.Message}", e);
        }
        metadataUri ??= $"ipfs://{cid}/metadata.json";
        var registry = platform.Registry;
        IReadOnlyList<Move> moves;
        if (await platform.Tasks.AuthorOfAsync(hash, cancellationToken: cancellationToken).ConfigureAwait(false) == sender)
        {
            // A model the sender revealed in a task: its proven author registers it in one transaction.
            moves = [RegistryMoves.Register(registry.Address, (byte)kind, hash, cid, metadataUri)];
        }
        else
        {
            // Other content is committed first and registered in a later block, so nobody can copy a pending registration.
            byte[] salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            byte[] commitment = await registry.RegistrationCommitmentAsync(hash, sender, salt, sender, cancellationToken: cancellationToken).ConfigureAwait(false);
            moves = [RegistryMoves.CommitRegistration(registry.Address, commitment), RegistryMoves.RegisterCommitted(registry.Address, (byte)kind, hash, cid, metadataUri, sender, salt)];
        }
        var outcomes = await new MoveSender(chain).SendAllAsync(moves, cancellationToken).ConfigureAwait(false);
        BigInteger id = registry.DecodeAssetRegisteredEvents(outcomes[^1].Receipt).Single().TokenId;
        return new RegisteredAsset(id, cid, stored, outcomes);
    }

    /// <summary>Moves asset <paramref name="tokenId"/> from the sender to <paramref name="to"/> (safeTransferFrom: a contract must accept it).</summary>
    public async Task<TransactionOutcome> TransferAsync(BigInteger tokenId, Address to, CancellationToken cancellationToken = default)
    {
        Address from = chain.RequireAccount("transfer an asset");
        await RequireAssetAsync(tokenId, cancellationToken).ConfigureAwait(false);
        return await new MoveSender(chain).SendAsync(RegistryMoves.Transfer(platform.Registry.Address, from, to, tokenId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pays <paramref name="amount"/> wei of ETH revenue to asset <paramref name="tokenId"/>'s holder.</summary>
    public async Task<TransactionOutcome> PayRevenueAsync(BigInteger tokenId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        await RequireAssetAsync(tokenId, cancellationToken).ConfigureAwait(false);
        return await new MoveSender(chain).SendAsync(RegistryMoves.PayRevenueEth(platform.Registry.Address, tokenId, amount), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The asset's owner and CID.</summary>
    /// <exception cref="PlatformException">No such asset.</exception>
    public async Task<(Address Owner, string Cid)> RequireAssetAsync(BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await platform.Registry.OwnerOfAsync(tokenId, cancellationToken: cancellationToken).ConfigureAwait(false),
                    await platform.Registry.CidOfAsync(tokenId, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (DaoPlatform.Ethereum.Contracts.ContractRevertException e) when (e.ErrorSignature?.StartsWith("ERC721NonexistentToken", StringComparison.Ordinal) == true)
        {
            throw PlatformException.NotFound($"asset {tokenId} does not exist");
        }
    }
}
