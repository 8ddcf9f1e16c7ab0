using DaoPlatform.Ethereum.Hex;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Submitter;

/// <summary>
/// The submitter agent's hidden test sets, found by root and kept in the content store (docs/node.md, "Submitter").
/// A file listed in <see cref="SubmitterOptions.TestSets"/> is read at start and put into the store at first use; a CID
/// listed in <see cref="SubmitterOptions.TestSetCids"/> is read from the store at first use to learn its root (retried
/// while the store cannot give it). A set the store holds is read back from the store, by its CID, for each reveal,
/// so a test set missing or altered there is a failure to report, never a wrong reveal. A file the store refused (a
/// read-only gateway) and a set added in memory are revealed from memory.
/// </summary>
public sealed class HiddenTestSets : IDisposable
{
    private readonly SubmitterOptions _options;
    private readonly IContentStore _store;
    private readonly ILogger<HiddenTestSets> _logger;
    private readonly Lazy<Listed> _listed;
    private readonly SemaphoreSlim _syncing = new(1, 1);

    /// <summary>Reads the listing of <paramref name="options"/>; the files and CIDs are checked at <see cref="Count"/>.</summary>
    public HiddenTestSets(IOptions<SubmitterOptions> options, IContentStore store, ILogger<HiddenTestSets> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _store = store;
        _logger = logger;
        _listed = new(Load);
    }

    /// <summary>How many test sets the agent holds or has yet to find in the store; reads the files if they were not read yet.</summary>
    /// <exception cref="InvalidDataException">A file is missing or not a DQD1 test set, or a CID is malformed (the message names it).</exception>
    public int Count
    {
        get
        {
            Listed listed = _listed.Value;
            lock (listed)
            {
                return listed.ByRoot.Count + listed.Unresolved.Count;
            }
        }
    }

    /// <summary>Adds a test set held in memory (records of <paramref name="inputSize"/> inputs each).</summary>
    public void Add(string source, int inputSize, byte[] records)
    {
        var set = new HiddenTestSet(source, inputSize, records, new TestSetTree(records, inputSize + 1));
        Listed listed = _listed.Value;
        lock (listed)
        {
            listed.ByRoot[HexConvert.Encode(set.Tree.Root)] = set;
        }
    }

    /// <summary>
    /// The test set whose root is <paramref name="root"/>: null when the agent holds none (no failure), or null with a
    /// failure saying why the store cannot give the one it keeps there (missing, altered, the store down).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<(HiddenTestSet? TestSet, string? Failure)> FindAsync(byte[] root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        Listed listed = _listed.Value;
        await SyncWithStoreAsync(listed, cancellationToken).ConfigureAwait(false);
        HiddenTestSet? held;
        lock (listed)
        {
            held = listed.ByRoot.GetValueOrDefault(HexConvert.Encode(root));
        }
        if (held?.Cid is not { } cid)
        {
            return (held, null);
        }
        (HiddenTestSet? stored, string? failure) = await TestSetContent.FetchAsync(_store, cid, cancellationToken).ConfigureAwait(false);
        return stored is null ? (null, failure)
            : stored.Tree.Root.AsSpan().SequenceEqual(root) ? (stored with { Source = held.Source }, null)
            : (null, $"test set {cid} in the content store has root {HexConvert.Encode(stored.Tree.Root)}, not {HexConvert.Encode(root)}");
    }

    /// <inheritdoc/>
    public void Dispose() => _syncing.Dispose();

    /// <summary>Puts the files not yet in the store there, and reads the CIDs whose roots are not known yet.</summary>
    private async Task SyncWithStoreAsync(Listed listed, CancellationToken cancellationToken)
    {
        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach ((HiddenTestSet file, byte[] dqd1) in listed.Unstored.ToArray())
            {
                HiddenTestSet stored;
                try
                {
                    stored = await TestSetContent.PutAsync(_store, file.Source, dqd1, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ContentStoreException or NotSupportedException)
                {
                    // Revealed from memory meanwhile; a read-only store is told once, a failing one at each try.
                    _logger.LogWarning("Submitter keeps test set {Source} in memory: the content store did not take it: {Reason}", file.Source, e.Message);
                    if (e is NotSupportedException)
                    {
                        listed.Unstored.RemoveAll(u => u.Set == file);
                    }
                    continue;
                }
                listed.Unstored.RemoveAll(u => u.Set == file);
                lock (listed)
                {
                    listed.ByRoot[HexConvert.Encode(stored.Tree.Root)] = stored with { Records = [] };
                }
                _logger.LogInformation("Submitter keeps test set {Source} ({Samples} samples) in the content store as {Cid}", file.Source, stored.Tree.Size, stored.Cid);
            }
            foreach (Cid cid in listed.Unresolved.ToArray())
            {
                (HiddenTestSet? found, string? failure) = await TestSetContent.FetchAsync(_store, cid, cancellationToken).ConfigureAwait(false);
                if (found is null)
                {
                    _logger.LogWarning("Submitter cannot read its test set {Cid} yet: {Reason}", cid, failure);
                    continue;
                }
                lock (listed)
                {
                    listed.Unresolved.Remove(cid);
                    listed.ByRoot[HexConvert.Encode(found.Tree.Root)] = found with { Records = [] };
                }
                _logger.LogInformation("Submitter holds test set {Cid} ({Samples} samples) from the content store", cid, found.Tree.Size);
            }
        }
        finally
        {
            _syncing.Release();
        }
    }

    private Listed Load()
    {
        var listed = new Listed();
        // The same file (or the same content) listed twice is one test set: keyed by root, the last listing wins.
        foreach (string path in _options.TestSets.Distinct(StringComparer.Ordinal))
        {
            (HiddenTestSet set, byte[] dqd1) = ReadFile(path);
            string root = HexConvert.Encode(set.Tree.Root);
            listed.Unstored.RemoveAll(u => HexConvert.Encode(u.Set.Tree.Root) == root);
            listed.ByRoot[root] = set;
            listed.Unstored.Add((set, dqd1));
        }
        foreach (string text in _options.TestSetCids)
        {
            if (!Cid.TryParse(text, out Cid? cid, out string? error))
            {
                throw new InvalidDataException($"Submitter test set CID '{text}' is not a CID: {error}");
            }
            if (!listed.Unresolved.Contains(cid))
            {
                listed.Unresolved.Add(cid);
            }
        }
        return listed;
    }

    private static (HiddenTestSet Set, byte[] Dqd1) ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Submitter test set {path}: {e.Message}", e);
        }
        try
        {
            return (TestSetContent.Parse(path, bytes), bytes);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"Submitter test set {e.Message}", e);
        }
    }

    /// <summary>The sets by root (hex, any case), the files not yet in the store, the CIDs not yet read.</summary>
    private sealed class Listed
    {
        public Dictionary<string, HiddenTestSet> ByRoot { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<(HiddenTestSet Set, byte[] Dqd1)> Unstored { get; } = [];

        public List<Cid> Unresolved { get; } = [];
    }
}
