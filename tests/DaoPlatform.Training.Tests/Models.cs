using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Training.Tests;

/// <summary>Edits of quantized models for negative tests.</summary>
internal static class Models
{
    /// <summary>A copy of <paramref name="model"/> whose neuron <paramref name="neuron"/> of layer <paramref name="layer"/> has
    /// bias <paramref name="bias"/>.</summary>
    public static QuantizedModel WithBias(QuantizedModel model, int layer, int neuron, int bias)
    {
        QuantizedLayer[] layers = [.. model.Layers];
        int[] biases = [.. layers[layer].Biases];
        biases[neuron] = bias;
        layers[layer] = new QuantizedLayer(layers[layer].Inputs, layers[layer].Outputs, layers[layer].Shift, layers[layer].Weights, biases);
        return new QuantizedModel(layers);
    }
}
