using System.Numerics.Tensors;

namespace DaoPlatform.Training.Networks;

/// <summary>
/// A float32 multilayer perceptron: fully connected layers, ReLU after every layer but the last, whose outputs are the
/// logits. Layer l maps <c>Sizes[l]</c> inputs to <c>Sizes[l+1]</c> outputs with row-major weights (<c>Weights[l][j·n + i]</c>
/// is the weight of input i in neuron j, the layout of DQM1) and one bias per neuron.
/// </summary>
internal sealed class FloatMlp
{
    private FloatMlp(int[] sizes, float[][] weights, float[][] biases)
    {
        Sizes = sizes;
        Weights = weights;
        Biases = biases;
    }

    /// <summary>Input size, then each layer's width; the last is the number of classes.</summary>
    public int[] Sizes { get; }

    /// <summary>Row-major weights of each layer, <c>Sizes[l+1]</c> rows of <c>Sizes[l]</c>.</summary>
    public float[][] Weights { get; }

    /// <summary>Biases of each layer.</summary>
    public float[][] Biases { get; }

    /// <summary>Number of layers.</summary>
    public int LayerCount => Weights.Length;

    /// <summary>
    /// He initialization (He et al. 2015, for ReLU): weights drawn from N(0, 2/fan_in) with a Box–Muller transform of
    /// <paramref name="random"/>, biases zero.
    /// </summary>
    public static FloatMlp CreateHe(int[] sizes, Random random)
    {
        var weights = new float[sizes.Length - 1][];
        var biases = new float[sizes.Length - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            double deviation = Math.Sqrt(2.0 / sizes[l]);
            weights[l] = new float[sizes[l] * sizes[l + 1]];
            for (int k = 0; k < weights[l].Length; k++)
            {
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                weights[l][k] = (float)(deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
            biases[l] = new float[sizes[l + 1]];
        }
        return new FloatMlp(sizes, weights, biases);
    }

    /// <summary>
    /// Runs <paramref name="batch"/> records through the network. <c>activations[0]</c> holds the inputs
    /// (<c>batch × Sizes[0]</c>); layer l writes its outputs to <c>activations[l+1]</c> (ReLU applied for hidden layers, raw
    /// logits for the last). Each output is one dot product in a fixed order, so the result does not depend on threading.
    /// </summary>
    public void Forward(float[][] activations, int batch)
    {
        for (int l = 0; l < LayerCount; l++)
        {
            float[] x = activations[l];
            float[] y = activations[l + 1];
            float[] w = Weights[l];
            float[] bias = Biases[l];
            int n = Sizes[l];
            int m = Sizes[l + 1];
            bool hidden = l < LayerCount - 1;
            Rows.For(batch, (long)m * n, b =>
            {
                ReadOnlySpan<float> input = x.AsSpan(b * n, n);
                Span<float> output = y.AsSpan(b * m, m);
                for (int j = 0; j < m; j++)
                {
                    float z = TensorPrimitives.Dot(input, w.AsSpan(j * n, n)) + bias[j];
                    output[j] = hidden && z < 0 ? 0 : z;
                }
            });
        }
    }

    /// <summary>Predicted class of each record of <paramref name="features"/> (row-major, <c>Sizes[0]</c> per record):
    /// the lowest index of the largest logit.</summary>
    public int[] Predict(float[] features, int count)
    {
        const int Chunk = 256;
        float[][] activations = Activations(Math.Min(Chunk, count));
        var predictions = new int[count];
        int classes = Sizes[^1];
        for (int start = 0; start < count; start += Chunk)
        {
            int batch = Math.Min(Chunk, count - start);
            features.AsSpan(start * Sizes[0], batch * Sizes[0]).CopyTo(activations[0]);
            Forward(activations, batch);
            for (int b = 0; b < batch; b++)
            {
                ReadOnlySpan<float> logits = activations[^1].AsSpan(b * classes, classes);
                int best = 0;
                for (int k = 1; k < classes; k++)
                {
                    if (logits[k] > logits[best])
                    {
                        best = k;
                    }
                }
                predictions[start + b] = best;
            }
        }
        return predictions;
    }

    /// <summary>Buffers for the inputs and every layer's outputs of up to <paramref name="batch"/> records.</summary>
    public float[][] Activations(int batch) => [.. Sizes.Select(size => new float[batch * size])];
}
