using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.LargeModels;

/// <summary>
/// What the game rests on (docs/training-tasks.md §8.2), on random valid models: the true trace has no wrong neuron,
/// and any corruption of it is caught at a neuron whose recomputation from the claimed trace truly differs, no later
/// than the corruption; traces survive their encoding.
/// </summary>
public sealed class TraceProperties
{
    [FsCheckProperty(Arbitrary = [typeof(ModelGenerator)], MaxTest = 150)]
    public void Every_corruption_of_a_trace_is_caught_and_the_true_trace_never_is(ModelCase @case, int layerPick, int neuronPick, int valuePick)
    {
        ReadOnlySpan<sbyte> input = @case.Inputs.AsSpan(0, @case.Model.InputSize);
        int[][] honest = ScalarBackend.Trace(@case.Model, input);
        int[] widths = [.. @case.Model.Layers.Select(layer => layer.Outputs)];
        Assert.That(Traces.Decode(Traces.Encode(honest), widths), Is.EqualTo(honest));
        Assert.That(Traces.FirstWrongNeuron(@case.Model, input, honest), Is.Null);

        int l = (int)((uint)layerPick % honest.Length);
        int j = (int)((uint)neuronPick % honest[l].Length);
        int[][] claimed = [.. honest.Select(layer => (int[])layer.Clone())];
        bool hidden = l < honest.Length - 1;
        // Any other value the encoding can carry: a byte for a hidden layer (above 127 included), an int32 logit.
        claimed[l][j] = hidden ? (byte)(claimed[l][j] + 1 + (int)((uint)valuePick % 255)) : unchecked(claimed[l][j] + (valuePick == 0 ? 1 : valuePick));
        claimed = Traces.Decode(Traces.Encode(claimed), widths);

        (int Layer, int Neuron)? wrong = Traces.FirstWrongNeuron(@case.Model, input, claimed);
        Assert.That(wrong, Is.Not.Null);
        (int wl, int wj) = wrong!.Value;
        Assert.That(wl, Is.LessThanOrEqualTo(l));
        int[] inputs = wl == 0 ? [.. input.ToArray().Select(x => (int)x)] : [.. claimed[wl - 1].Select(x => (int)(sbyte)x)];
        Assert.That(ScalarBackend.Neuron(@case.Model.Layers[wl], wj, inputs, wl < honest.Length - 1), Is.Not.EqualTo(claimed[wl][wj]),
            "the proven neuron recomputes to another value than the claimed one");
    }
}
