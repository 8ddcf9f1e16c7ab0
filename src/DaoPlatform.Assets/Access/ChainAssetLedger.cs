using System.Numerics;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Assets.Access;

/// <summary>
/// <see cref="IAssetLedger"/> on the deployed AssetRegistry and AccessPasses. Reads are calls on the latest
/// block; a use is recorded with <c>AccessPasses.consume</c>, sent by this node's key, which the asset's owner
/// must have authorized with <c>setConsumer</c>.
/// </summary>
public sealed class ChainAssetLedger(AssetRegistry registry, AccessPasses passes, EthRpcClient eth) : IAssetLedger
{
    /// <inheritdoc />
    public async Task<string?> ContentHashOfAsync(BigInteger assetId, CancellationToken cancellationToken)
    {
        try
        {
            AssetRegistry.Asset asset = await registry.AssetOfAsync(assetId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Ethereum.Hex.HexConvert.Encode(asset.ContentHash);
        }
        catch (ContractRevertException)
        {
            return null; // ERC721NonexistentToken
        }
    }

    /// <inheritdoc />
    public async Task<PassDecision> AuthorizeAsync(Address holder, BigInteger assetId, BigInteger passId, bool startsDownload, CancellationToken cancellationToken)
    {
        AccessPasses.Terms terms;
        try
        {
            terms = await passes.TermsOfAsync(passId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException)
        {
            return new PassDecision(false, $"there is no pass {passId}");
        }
        if (terms.AssetId != assetId)
        {
            return new PassDecision(false, $"pass {passId} is for asset {terms.AssetId}, not asset {assetId}");
        }
        if (terms.Duration != 0)
        {
            ulong until = await passes.AccessUntilAsync(holder, passId, cancellationToken: cancellationToken).ConfigureAwait(false);
            BlockHeader latest = await eth.GetBlockByNumberAsync(BlockTag.Latest, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The node returned no latest block.");
            if (until > latest.Timestamp)
            {
                return new PassDecision(true, $"pass {passId} is open until {DateTimeOffset.FromUnixTimeSeconds((long)until):u}");
            }
        }
        else if (!startsDownload)
        {
            return new PassDecision(false, $"pass {passId} grants uses: a download starts at byte 0 and uses one");
        }
        BigInteger balance = await passes.BalanceOfAsync(holder, passId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (balance.IsZero)
        {
            return new PassDecision(false, terms.Duration != 0
                ? $"{holder} holds no pass {passId}, and its access (if it had one) has expired"
                : $"{holder} holds no use of pass {passId} (used up or transferred)");
        }
        ulong opened = 0;
        try
        {
            await passes.SimulateConsumeAsync(holder, passId, cancellationToken: cancellationToken).ConfigureAwait(false);
            await passes.ConsumeAsync(holder, passId, cancellationToken).ConfigureAwait(false);
            opened = await passes.AccessUntilAsync(holder, passId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            return new PassDecision(false, $"the use of pass {passId} could not be recorded on chain: {e.Message}");
        }
        return new PassDecision(true, terms.Duration != 0
            ? $"pass {passId} opened until {DateTimeOffset.FromUnixTimeSeconds((long)opened):u}"
            : $"one use of pass {passId} recorded, {balance - 1} left", UseRecorded: true);
    }
}
