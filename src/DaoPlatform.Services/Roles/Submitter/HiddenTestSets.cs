using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Submitter;

/// <summary>The submitter agent's test sets, found by root. Files are read once, at first use.</summary>
public sealed class HiddenTestSets
{
    private readonly Lazy<Dictionary<string, HiddenTestSet>> _byRoot;

    /// <summary>Reads the files of <paramref name="options"/>.</summary>
    public HiddenTestSets(IOptions<SubmitterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The same file (or the same content) listed twice is one test set: keyed by root, the last listing wins.
        _byRoot = new(() => options.Value.TestSets.Distinct(StringComparer.Ordinal).Select(Load)
            .GroupBy(t => HexConvert.Encode(t.Tree.Root), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Adds a test set held in memory (records of <paramref name="inputSize"/> inputs each).</summary>
    public void Add(string source, int inputSize, byte[] records)
    {
        var set = new HiddenTestSet(source, inputSize, records, new TestSetTree(records, inputSize + 1));
        _byRoot.Value[HexConvert.Encode(set.Tree.Root)] = set;
    }

    /// <summary>How many test sets the agent holds; reads the files if they were not read yet.</summary>
    /// <exception cref="InvalidDataException">A file is missing or not a DQD1 dataset (the message names it).</exception>
    public int Count => _byRoot.Value.Count;

    /// <summary>The test set whose root is <paramref name="root"/>, or null.</summary>
    public HiddenTestSet? Find(byte[] root) => _byRoot.Value.GetValueOrDefault(HexConvert.Encode(root));

    private static HiddenTestSet Load(string path)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            Dataset dataset = Dqd1.Read(bytes);
            // A DQD1 file's body is the records exactly as the chain carries them.
            byte[] records = bytes[Dqd1.HeaderLength..];
            return new HiddenTestSet(path, dataset.InputSize, records, new TestSetTree(records, dataset.InputSize + 1));
        }
        catch (Exception e) when (e is IOException or EvaluationException or ArgumentException)
        {
            throw new InvalidDataException($"Submitter test set {path}: {e.Message}", e);
        }
    }
}
