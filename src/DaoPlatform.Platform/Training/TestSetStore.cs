using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// Hidden test sets in the content store for <c>task create</c>: a DQD1 file is read and put there (its CID is the
/// submitter's record of it), or a test set is fetched by CID, every block checked against the CID, and read as DQD1.
/// Every failure is one <see cref="PlatformException"/> naming the file or the CID.
/// </summary>
public static class TestSetStore
{
    /// <summary>Reads the DQD1 test set at <paramref name="path"/> (its CID computed, nothing stored).</summary>
    /// <exception cref="PlatformException">Missing, or not a DQD1 test set.</exception>
    public static async Task<(HiddenTestSet TestSet, byte[] Dqd1)> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        JsonFile.RequireFile(path, "test set");
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            HiddenTestSet parsed = TestSetContent.Parse(path, bytes);
            return (parsed with { Cid = UnixFsImporter.Import(bytes).Root }, bytes);
        }
        catch (InvalidDataException e)
        {
            throw PlatformException.BadInput(e.Message, e);
        }
    }

    /// <summary>Puts the DQD1 file <paramref name="dqd1"/> of <paramref name="testSet"/> into <paramref name="store"/>; returns its CID.</summary>
    /// <exception cref="PlatformException">The store failed or is read-only.</exception>
    public static async Task<Cid> PutAsync(IContentStore store, HiddenTestSet testSet, byte[] dqd1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(testSet);
        try
        {
            return (await TestSetContent.PutAsync(store, testSet.Source, dqd1, cancellationToken).ConfigureAwait(false)).Cid!;
        }
        catch (Exception e) when (e is ContentStoreException or NotSupportedException)
        {
            throw PlatformException.BadInput($"cannot keep the test set {testSet.Source} in the content store: {e.Message}", e);
        }
    }

    /// <summary>The test set at <paramref name="cidText"/> in <paramref name="store"/>.</summary>
    /// <exception cref="PlatformException">Not a CID, not in the store, not a test set, or the store failed.</exception>
    public static async Task<HiddenTestSet> FetchAsync(IContentStore store, string cidText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cidText);
        if (!Cid.TryParse(cidText.Trim(), out Cid? cid, out string? error))
        {
            throw PlatformException.BadInput($"--test-set-cid '{cidText}' is not a CID: {error}");
        }
        bool present;
        try
        {
            present = await store.HasAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentStoreException e)
        {
            throw PlatformException.BadInput($"cannot fetch test set {cid}: {e.Message}", e);
        }
        if (!present)
        {
            throw PlatformException.NotFound($"test set {cid} is not in the content store");
        }
        (HiddenTestSet? testSet, string? failure) = await TestSetContent.FetchAsync(store, cid, cancellationToken).ConfigureAwait(false);
        return testSet ?? throw PlatformException.BadInput(failure!);
    }
}
