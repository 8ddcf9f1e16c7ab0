using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>A model's layers packed once for the x86 kernels (<see cref="PackedLayer"/>).</summary>
internal sealed class PackedModel
{
    public PackedModel(QuantizedModel model)
    {
        int count = model.Layers.Count;
        Layers = [.. model.Layers.Select((layer, l) => new PackedLayer(layer, first: l == 0, hidden: l < count - 1))];
    }

    public IReadOnlyList<PackedLayer> Layers { get; }
}
