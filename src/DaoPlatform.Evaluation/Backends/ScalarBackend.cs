using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends;

/// <summary>
/// The plain scalar evaluation of docs/evaluation.md §4, one sample and one neuron at a time: the reference every
/// other back end is checked against, and the source of traces (every layer's output vector) for disputes.
/// </summary>
public sealed class ScalarBackend : IEvaluationBackend
{
    /// <inheritdoc/>
    public string Name => "scalar";

    /// <inheritdoc/>
    public void Predict(QuantizedModel model, ReadOnlySpan<sbyte> inputs, Span<int> predictions)
    {
        ArgumentNullException.ThrowIfNull(model);
        BatchShape.Check(model, inputs, predictions.Length);
        for (int s = 0; s < predictions.Length; s++)
        {
            int[][] trace = Trace(model, inputs.Slice(s * model.InputSize, model.InputSize));
            predictions[s] = ArgMax(trace[^1]);
        }
    }

    /// <summary>
    /// Every layer's output for one sample: element l holds layer l's outputs (hidden layers after shift and
    /// clamp, the last layer the shifted logits <c>z</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not <c>model.InputSize</c> values.</exception>
    public static int[][] Trace(QuantizedModel model, ReadOnlySpan<sbyte> input)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (input.Length != model.InputSize)
        {
            throw new ArgumentException($"input of {input.Length} values for a model of input size {model.InputSize}", nameof(input));
        }
        var trace = new int[model.Layers.Count][];
        int[] x = new int[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            x[i] = input[i];
        }
        for (int l = 0; l < model.Layers.Count; l++)
        {
            QuantizedLayer layer = model.Layers[l];
            bool hidden = l < model.Layers.Count - 1;
            int[] y = new int[layer.Outputs];
            for (int j = 0; j < layer.Outputs; j++)
            {
                y[j] = Neuron(layer, j, x, hidden);
            }
            trace[l] = y;
            x = y;
        }
        return trace;
    }

    /// <summary>
    /// Output <paramref name="neuron"/> of <paramref name="layer"/> for the input vector <paramref name="x"/>
    /// (<c>layer.Inputs</c> values): <c>acc = b + Σ w·x</c>, then <c>clamp(acc &gt;&gt; shift, 0, 127)</c> for a hidden
    /// layer or <c>acc &gt;&gt; shift</c> for the output layer (§4; the overflow rule keeps <c>acc</c> exact).
    /// </summary>
    public static int Neuron(QuantizedLayer layer, int neuron, ReadOnlySpan<int> x, bool hidden)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ReadOnlySpan<sbyte> row = layer.Row(neuron);
        int acc = layer.Biases[neuron];
        for (int i = 0; i < row.Length; i++)
        {
            acc += row[i] * x[i];
        }
        int z = acc >> layer.Shift;
        return hidden ? Math.Clamp(z, 0, 127) : z;
    }

    /// <summary>The lowest index of the maximum (§4: ties go to the lowest index).</summary>
    public static int ArgMax(ReadOnlySpan<int> logits)
    {
        int best = 0;
        for (int j = 1; j < logits.Length; j++)
        {
            if (logits[j] > logits[best])
            {
                best = j;
            }
        }
        return best;
    }
}
