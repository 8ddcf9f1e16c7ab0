using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// A model's layers packed once for the x86 kernels (<see cref="PackedLayer"/>); with <c>signedPairs</c>, layer 0
/// also as int16 pairs, the AVX-512BW and AVX2 route for signed inputs.
/// </summary>
internal sealed class PackedModel
{
    public PackedModel(QuantizedModel model, bool signedPairs)
    {
        int count = model.Layers.Count;
        Layers = [.. model.Layers.Select((layer, l) => new PackedLayer(layer, hidden: l < count - 1, pairs: signedPairs && l == 0))];
    }

    public IReadOnlyList<PackedLayer> Layers { get; }
}
