using System.Numerics;
using DaoPlatform.Contracts.Registry;

namespace DaoPlatform.Protocol.Reads;

/// <summary>One step of a model's lineage: token <paramref name="TokenId"/> succeeds <paramref name="Previous"/>
/// (zero for an original), as the winner of task <paramref name="TaskId"/> with <paramref name="Score"/> correct test
/// samples (both zero for an original).</summary>
public sealed record AssetVersion(BigInteger TokenId, BigInteger Previous, BigInteger TaskId, BigInteger Score)
{
    /// <summary>Whether this is an original, registered by its author rather than won in a task.</summary>
    public bool IsOriginal => Previous.IsZero;
}

/// <summary>
/// A model asset's versions (docs/training-tasks.md §9): the registry's <c>versionOf(tokenId) = (previous, taskId, score)</c>
/// walked back from a token to its original. The CLI's <c>asset lineage</c> and the hub's asset page both read it here.
/// </summary>
public static class AssetLineage
{
    /// <summary>The most versions <see cref="ReadAsync"/> walks back (each step is one call).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The lineage of <paramref name="tokenId"/>, newest first: the token itself, then each version it succeeds, back to
    /// the original or <see cref="MaxDepth"/> steps. The caller checks the token exists (an unknown token reads as an original).
    /// </summary>
    /// <exception cref="DaoPlatform.Ethereum.JsonRpc.RpcException">The node cannot be reached.</exception>
    public static async Task<IReadOnlyList<AssetVersion>> ReadAsync(AssetRegistry registry, BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var lineage = new List<AssetVersion>();
        for (BigInteger id = tokenId; !id.IsZero && lineage.Count < MaxDepth;)
        {
            var version = await registry.VersionOfAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
            lineage.Add(new AssetVersion(id, version.Previous, version.TaskId, version.Score));
            id = version.Previous;
        }
        return lineage;
    }

    /// <summary>One step in words: "asset 7 (task 3, score 97)" or "asset 2 (original)".</summary>
    public static string Describe(AssetVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.IsOriginal ? $"asset {version.TokenId} (original)" : $"asset {version.TokenId} (task {version.TaskId}, score {version.Score})";
    }

    /// <summary>A lineage on one line: "asset 7 (task 3, score 97) &lt;- asset 4 (task 1, score 90) &lt;- asset 2 (original)".</summary>
    public static string Describe(IReadOnlyList<AssetVersion> lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        return string.Join(" <- ", lineage.Select(Describe));
    }
}
