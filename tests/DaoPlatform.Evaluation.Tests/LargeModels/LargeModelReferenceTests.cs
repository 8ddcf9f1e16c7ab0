using System.Text.Json;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.IntegrationTests;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.LargeModels;

/// <summary>
/// The large-model encodings (docs/evaluation.md §11) against their spec, scripts/lib/evaluation.mjs, run by node on
/// the same model: header, rowsRoot, modelRoot, every row with its proof, the chunk plan, the trace encoding and the
/// first wrong neuron of an honest and of a corrupted trace.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class LargeModelReferenceTests
{
    private static readonly object[] Cases =
    [
        new object[] { new[] { 5, 3 }, 64, 1 },
        new object[] { new[] { 33, 70, 45, 10 }, 250, 2 }, // widths not multiples of 32, chunks of one to a few rows
        new object[] { new[] { 100, 37, 19, 7, 3 }, 1_000, 3 },
        new object[] { new[] { 784, 160, 10 }, ModelChunks.DefaultMaxBytes, 4 }, // the devnet game's model: two layers in a chunk
        new object[] { new[] { 1, 4096, 1, 2 }, ModelChunks.DefaultMaxBytes, 5 }, // short rows: chunks bounded by gas, not bytes
    ];

    [TestCaseSource(nameof(Cases))]
    public void MatchesTheJsReference(int[] widths, int maxChunkBytes, int seed)
    {
        var random = new Random(seed);
        ModelCase model = ModelGenerator.Build(widths, 1, random);
        var commitment = new ModelCommitment(model.Model);
        int[][] honest = ScalarBackend.Trace(model.Model, model.Inputs);
        int[][] claimed = Corrupt(honest, random, out (int Layer, int Neuron) corrupted);

        JsonElement honestJs = RunReference(model, honest, maxChunkBytes);
        JsonElement claimedJs = RunReference(model, claimed, maxChunkBytes);

        Assert.Multiple(() =>
        {
            Assert.That(HexConvert.Encode(commitment.Header), Is.EqualTo(honestJs.GetProperty("header").GetString()));
            Assert.That(HexConvert.Encode(commitment.RowsRoot), Is.EqualTo(honestJs.GetProperty("rowsRoot").GetString()));
            Assert.That(HexConvert.Encode(commitment.ModelRoot), Is.EqualTo(honestJs.GetProperty("modelRoot").GetString()));
            JsonElement[] rows = [.. honestJs.GetProperty("rows").EnumerateArray()];
            Assert.That(rows, Has.Length.EqualTo(commitment.Rows.Count));
            for (int r = 0; r < rows.Length; r++)
            {
                (byte[] row, IReadOnlyList<byte[]> proof) = commitment.RowProof(r);
                Assert.That(HexConvert.Encode(row), Is.EqualTo(rows[r].GetProperty("row").GetString()), $"row {r}");
                Assert.That(proof.Select(p => HexConvert.Encode(p)), Is.EqualTo(Strings(rows[r].GetProperty("proof"))), $"proof of row {r}");
                Assert.That(PositionalTree.ProcessProof(PositionalTree.Leaf(r, row), r, proof), Is.EqualTo(commitment.RowsRoot), $"row {r} proves");
            }
            var chunks = ModelChunks.Plan(commitment, maxChunkBytes)
                .Select(c => new { firstRow = c.FirstRow, height = c.Height, rowsHash = HexConvert.Encode(Keccak256.Hash(c.Rows)), proof = c.Proof.Select(p => HexConvert.Encode(p)).ToArray() })
                .ToArray();
            Assert.That(JsonSerializer.Serialize(chunks), Is.EqualTo(honestJs.GetProperty("chunks").GetRawText()));
            Assert.That(HexConvert.Encode(Traces.Encode(honest)), Is.EqualTo(honestJs.GetProperty("trace").GetString()));
            Assert.That(Traces.Decode(Traces.Encode(claimed), widths[1..]), Is.EqualTo(claimed));

            Assert.That(Traces.FirstWrongNeuron(model.Model, model.Inputs, honest), Is.Null);
            Assert.That(honestJs.GetProperty("firstWrong").ValueKind, Is.EqualTo(JsonValueKind.Null));
            (int Layer, int Neuron)? wrong = Traces.FirstWrongNeuron(model.Model, model.Inputs, claimed);
            Assert.That(wrong, Is.Not.Null);
            Assert.That(wrong!.Value.Layer, Is.EqualTo(claimedJs.GetProperty("firstWrong").GetProperty("layer").GetInt32()));
            Assert.That(wrong.Value.Neuron, Is.EqualTo(claimedJs.GetProperty("firstWrong").GetProperty("neuron").GetInt32()));
            Assert.That(wrong.Value.Layer, Is.LessThanOrEqualTo(corrupted.Layer), "nothing before the corruption can be wrong");
        });
    }

    [Test]
    public void DecodeRefusesATraceOfTheWrongLength()
    {
        var error = Assert.Throws<FormatException>(() => Traces.Decode(new byte[10], [4, 2]));
        Assert.That(error!.Message, Does.Contain("needs 12"));
    }

    /// <summary>A copy of <paramref name="trace"/> with one value changed: +1, or 200 (out of range) in a hidden layer.</summary>
    private static int[][] Corrupt(int[][] trace, Random random, out (int Layer, int Neuron) at)
    {
        int[][] copy = [.. trace.Select(layer => (int[])layer.Clone())];
        int l = random.Next(copy.Length);
        int j = random.Next(copy[l].Length);
        bool hidden = l < copy.Length - 1;
        copy[l][j] = hidden ? (random.Next(2) == 0 ? 200 : (copy[l][j] + 1) % 128) : copy[l][j] + 1;
        at = (l, j);
        return copy;
    }

    private static JsonElement RunReference(ModelCase model, int[][] claimed, int maxChunkBytes)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, Dqm1.Write(model.Model));
            string input = HexConvert.Encode(System.Runtime.InteropServices.MemoryMarshal.AsBytes(model.Inputs.AsSpan()));
            string output = Repository.RunBash(
                $"node tests/DaoPlatform.Evaluation.Tests/LargeModels/large-model-reference.mjs '{file}' {input} {HexConvert.Encode(Traces.Encode(claimed))} {maxChunkBytes}");
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
