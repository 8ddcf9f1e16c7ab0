using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Protocol.TestSets;

/// <summary>
/// Hidden test sets in a content store: a test set is kept as its DQD1 file (docs/evaluation.md §6), whose body is
/// the records exactly as the chain carries them, under that file's CID. Reading one back checks every block against
/// the CID (the store does), then that the bytes are a DQD1 dataset, so a test set found by CID is the one put.
/// </summary>
public static class TestSetContent
{
    /// <summary>The test set in the DQD1 file <paramref name="dqd1"/>, named <paramref name="source"/> in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a DQD1 dataset, or it holds no sample (the message names the source).</exception>
    public static HiddenTestSet Parse(string source, ReadOnlySpan<byte> dqd1, Cid? cid = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Dataset dataset;
        try
        {
            dataset = Dqd1.Read(dqd1);
        }
        catch (EvaluationException e)
        {
            throw new InvalidDataException($"{source} is not a DQD1 test set: {e.Message}", e);
        }
        if (dataset.Count == 0)
        {
            throw new InvalidDataException($"{source} is not a test set: it holds no sample");
        }
        // A DQD1 file's body is the records exactly as the chain carries them.
        byte[] records = dqd1[Dqd1.HeaderLength..].ToArray();
        return new HiddenTestSet(source, dataset.InputSize, records, new TestSetTree(records, dataset.InputSize + 1), cid);
    }

    /// <summary>Puts the DQD1 file <paramref name="dqd1"/> into <paramref name="store"/>; returns the test set with its CID.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a DQD1 test set (nothing is put).</exception>
    /// <exception cref="ContentStoreException">The store failed.</exception>
    /// <exception cref="NotSupportedException">The store is read-only (a gateway).</exception>
    public static async Task<HiddenTestSet> PutAsync(IContentStore store, string source, ReadOnlyMemory<byte> dqd1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        HiddenTestSet parsed = Parse(source, dqd1.Span);
        Cid cid = await store.PutAsync(dqd1, cancellationToken).ConfigureAwait(false);
        return parsed with { Cid = cid };
    }

    /// <summary>
    /// The test set at <paramref name="cid"/> in <paramref name="store"/>, or null with a failure saying why the store
    /// cannot give it (missing, altered, not a test set, the store down). Cancellation alone throws.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task<(HiddenTestSet? TestSet, string? Failure)> FetchAsync(IContentStore store, Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cid);
        byte[] bytes;
        try
        {
            bytes = await store.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentNotFoundException e)
        {
            return (null, $"test set {cid} is not in the content store ({e.Message})");
        }
        catch (ContentVerificationException e)
        {
            return (null, $"test set {cid} is altered in the content store ({e.Message})");
        }
        catch (ContentStoreException e)
        {
            return (null, $"fetching test set {cid} failed: {e.Message}");
        }
        try
        {
            return (Parse(cid.ToString(), bytes, cid), null);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
    }
}
