namespace DaoPlatform.Evaluation.Model;

/// <summary>
/// A decoded DQM1 model (docs/evaluation.md §3): 1..8 fully connected layers, hidden layers clamped to 0..127,
/// the prediction being the lowest index of the output layer's maximum. Construction checks only that the
/// layers chain (each layer's inputs are the previous layer's outputs); the format's limits and the overflow rule
/// are checked by the DQM1 reader, so tests can also build models that a reader would reject.
/// </summary>
public sealed class QuantizedModel
{
    /// <summary>Creates a model from its layers, in order; the list is copied, the layers are kept.</summary>
    /// <exception cref="ArgumentException">No layer, or a layer's inputs differ from the previous layer's outputs.</exception>
    public QuantizedModel(IReadOnlyList<QuantizedLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("a model needs at least one layer", nameof(layers));
        }
        for (int l = 1; l < layers.Count; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw new ArgumentException(
                    $"layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} has {layers[l - 1].Outputs} outputs", nameof(layers));
            }
        }
        Layers = [.. layers];
        long macs = 0;
        foreach (QuantizedLayer layer in Layers)
        {
            macs += (long)layer.Inputs * layer.Outputs;
        }
        MacsPerSample = macs;
    }

    /// <summary>The layers, input layer first.</summary>
    public IReadOnlyList<QuantizedLayer> Layers { get; }

    /// <summary>Input size (<c>dims[0]</c>).</summary>
    public int InputSize => Layers[0].Inputs;

    /// <summary>Number of classes (<c>dims[L]</c>).</summary>
    public int Classes => Layers[^1].Outputs;

    /// <summary>Multiply-accumulates per sample (<c>macs</c> of §3.3).</summary>
    public long MacsPerSample { get; }

    /// <summary>Widest layer output, the largest activation vector an evaluation holds per sample.</summary>
    public int MaxWidth => Layers.Max(layer => layer.Outputs);
}
