using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Protocol.Tests.Rules;

/// <summary>
/// Which row a game needs (docs/training-tasks.md §8.5): the neuron named from the true trace and a lying answer is one
/// whose recomputation from its row and the answer's inputs differs from the answer, so one forced chunk suffices.
/// </summary>
public sealed class ForcedChunksTests
{
    private static readonly int[] Dims = [12, 9, 7, 4];

    [Test]
    public void The_named_neuron_recomputes_to_another_value_than_a_lying_answer_holds([Range(0, 39)] int seed)
    {
        var random = new Random(seed);
        QuantizedModel model = RandomModel(random);
        sbyte[] input = [.. Enumerable.Range(0, Dims[0]).Select(_ => (sbyte)random.Next(-128, 128))];
        int[][] truth = ScalarBackend.Trace(model, input);
        // The liar changes one neuron and carries the change forward, as a consistent lie would.
        int lieLayer = random.Next(truth.Length);
        int lieNeuron = random.Next(truth[lieLayer].Length);
        int[][] answered = [.. truth.Select(l => (int[])l.Clone())];
        answered[lieLayer][lieNeuron] += lieLayer == truth.Length - 1 ? 1000 : (answered[lieLayer][lieNeuron] == 127 ? -1 : 1);
        for (int l = lieLayer + 1; l < truth.Length; l++)
        {
            answered[l] = Recompute(model, l, answered[l - 1]);
        }

        Assert.That(ForcedChunks.NeuronToProve(truth, answered), Is.EqualTo(((int, int)?)(lieLayer, lieNeuron)));
        (int layer, int neuron) = ForcedChunks.NeuronToProve(truth, answered)!.Value;
        int[] inputs = layer == 0 ? [.. input.Select(v => (int)v)] : answered[layer - 1];
        Assert.That(Recompute(model, layer, inputs)[neuron], Is.Not.EqualTo(answered[layer][neuron]));
        Assert.That(ForcedChunks.NeuronToProve(truth, truth), Is.Null, "the true answer has no neuron to prove");
    }

    [Test]
    public void Rows_and_chunks_follow_the_commitment()
    {
        var commitment = new ModelCommitment(RandomModel(new Random(7)));
        Assert.That(ForcedChunks.RowWidths(commitment.Header), Is.EqualTo(commitment.Rows.Select(r => r.Length)));
        for (int layer = 0; layer < Dims.Length - 1; layer++)
        {
            for (int neuron = 0; neuron < Dims[layer + 1]; neuron++)
            {
                Assert.That(ForcedChunks.RowIndex(Dims, layer, neuron), Is.EqualTo(commitment.RowIndex(layer, neuron)));
            }
        }
        Assert.That(ForcedChunks.ChunkOf(160, 6), Is.EqualTo(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForcedChunks.RowIndex(Dims, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForcedChunks.RowIndex(Dims, 0, 9));
        Assert.Throws<ArgumentException>(() => ForcedChunks.NeuronToProve([[1, 2]], [[1, 2, 3]]));
    }

    private static QuantizedModel RandomModel(Random random) =>
        new([.. Enumerable.Range(0, Dims.Length - 1).Select(l => new QuantizedLayer(Dims[l], Dims[l + 1], (byte)(l == Dims.Length - 2 ? 0 : 6),
            [.. Enumerable.Range(0, Dims[l] * Dims[l + 1]).Select(_ => (sbyte)random.Next(-20, 21))],
            [.. Enumerable.Range(0, Dims[l + 1]).Select(_ => random.Next(-500, 500))]))]);

    /// <summary>Layer <paramref name="layer"/> of <paramref name="model"/> over <paramref name="inputs"/>: the trace of one model with that layer first.</summary>
    private static int[] Recompute(QuantizedModel model, int layer, int[] inputs)
    {
        var sub = new QuantizedModel([.. model.Layers.Skip(layer)]);
        sbyte[] clamped = [.. inputs.Select(v => (sbyte)Math.Clamp(v, -128, 127))];
        return ScalarBackend.Trace(sub, clamped)[0];
    }
}
