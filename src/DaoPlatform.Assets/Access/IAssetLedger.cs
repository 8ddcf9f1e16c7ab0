using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Assets.Access;

/// <summary>Why a holder may or may not download an asset with a pass.</summary>
/// <param name="Allowed">Whether the download may go ahead.</param>
/// <param name="Reason">In words: which pass, why refused, or which use was recorded.</param>
/// <param name="UseRecorded">Whether a use of the pass was recorded on chain for this download.</param>
public sealed record PassDecision(bool Allowed, string Reason, bool UseRecorded = false);

/// <summary>The chain as the content service reads it: assets in the registry, passes and their uses.</summary>
public interface IAssetLedger
{
    /// <summary>The keccak-256 content hash (0x hex) the registry records for <paramref name="assetId"/>, or null when no such asset exists.</summary>
    Task<string?> ContentHashOfAsync(BigInteger assetId, CancellationToken cancellationToken);

    /// <summary>
    /// Decides whether <paramref name="holder"/> may download <paramref name="assetId"/> with pass
    /// <paramref name="passId"/>: a duration pass whose access is open, or one the service opens now; a uses
    /// pass with a unit left, whose use the service records now when <paramref name="startsDownload"/>.
    /// </summary>
    Task<PassDecision> AuthorizeAsync(Address holder, BigInteger assetId, BigInteger passId, bool startsDownload, CancellationToken cancellationToken);
}
