using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Protocol.Reads;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

namespace DaoPlatform.Protocol.Content;

/// <summary>
/// The bytes of a committed large model (docs/training-tasks.md §8.5) from a content store: the DQM1 file at the
/// commitment's CID, checked against the committed header and rows root. The store fetches a content whole (every
/// block checked against its CID), so a model whose content proves against the root makes every chunk available, and
/// one that does not (missing, another model, altered rows) makes none provable from this store.
/// </summary>
public static class CommittedModelContent
{
    /// <summary>The committed model's rows and tree, or null with a failure saying why the store cannot give them.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task<(ModelCommitment? Commitment, string? Failure)> FetchAsync(IContentStore store, CommittedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        if (!Cid.TryParse(model.Cid, out Cid? cid, out string? error))
        {
            return (null, $"the committed CID '{model.Cid}' is not one the store reads: {error}");
        }
        byte[] bytes;
        try
        {
            bytes = await store.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentStoreException e)
        {
            return (null, $"fetching {cid} failed: {e.Message}");
        }
        ModelCommitment commitment;
        try
        {
            commitment = new ModelCommitment(Dqm1.Read(bytes));
        }
        catch (Exception e) when (e is EvaluationException or ArgumentException)
        {
            return (null, $"the content at {cid} is not a DQM1 model: {e.Message}");
        }
        if (!commitment.Header.AsSpan().SequenceEqual(model.Header) || !commitment.RowsRoot.AsSpan().SequenceEqual(model.RowsRoot))
        {
            return (null, $"the model at {cid} has rows root {HexConvert.Encode(commitment.RowsRoot)}, the commitment {HexConvert.Encode(model.RowsRoot)} (or another header)");
        }
        return (commitment, null);
    }
}
