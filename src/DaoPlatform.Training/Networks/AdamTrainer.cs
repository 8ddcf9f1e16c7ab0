using System.Numerics.Tensors;
using DaoPlatform.Training.Data;

namespace DaoPlatform.Training.Networks;

/// <summary>
/// Mini-batch training of a <see cref="FloatMlp"/> on softmax cross-entropy with Adam (Kingma and Ba 2015, β1 = 0.9,
/// β2 = 0.999, ε = 1e-8, bias-corrected). Holds the batch buffers, the gradients and the moment estimates.
/// </summary>
internal sealed class AdamTrainer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    private readonly FloatMlp _model;
    private readonly int _maxBatch;
    private readonly float[][] _activations;
    private readonly float[][] _deltas;
    private readonly float[][] _weightGradients;
    private readonly float[][] _biasGradients;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;
    private int _steps;

    public AdamTrainer(FloatMlp model, int maxBatch)
    {
        _model = model;
        _maxBatch = maxBatch;
        _activations = model.Activations(maxBatch);
        // No gradient is taken with respect to the inputs, so the deltas of layer 0's inputs stay empty.
        _deltas = [.. model.Sizes.Select((size, l) => new float[l == 0 ? 0 : maxBatch * size])];
        _weightGradients = [.. model.Weights.Select(w => new float[w.Length])];
        _biasGradients = [.. model.Biases.Select(b => new float[b.Length])];
        _firstMoments = [.. model.Weights.Concat(model.Biases).Select(p => new float[p.Length])];
        _secondMoments = [.. model.Weights.Concat(model.Biases).Select(p => new float[p.Length])];
    }

    /// <summary>
    /// One Adam step on the records <paramref name="indices"/> of <paramref name="digits"/> with step size
    /// <paramref name="learningRate"/>; returns the summed cross-entropy (nats) of those records before the step.
    /// </summary>
    public double Step(DigitSet digits, ReadOnlySpan<int> indices, float learningRate)
    {
        int batch = indices.Length;
        if (batch > _maxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(indices), batch, $"a batch holds at most {_maxBatch} records");
        }
        int inputs = _model.Sizes[0];
        for (int b = 0; b < batch; b++)
        {
            digits.FeaturesOf(indices[b]).CopyTo(_activations[0].AsSpan(b * inputs, inputs));
        }
        _model.Forward(_activations, batch);
        double loss = SoftmaxCrossEntropy(digits, indices);
        Backward(batch);
        Update(learningRate);
        return loss;
    }

    /// <summary>Writes d(mean loss)/d(logits) = (softmax − one-hot) / batch into the last deltas; returns the summed loss.</summary>
    private double SoftmaxCrossEntropy(DigitSet digits, ReadOnlySpan<int> indices)
    {
        int classes = _model.Sizes[^1];
        int batch = indices.Length;
        double loss = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> logits = _activations[^1].AsSpan(b * classes, classes);
            Span<float> delta = _deltas[^1].AsSpan(b * classes, classes);
            TensorPrimitives.SoftMax(logits, delta);
            int label = digits.Labels[indices[b]];
            loss -= Math.Log(Math.Max(delta[label], float.Epsilon));
            delta[label] -= 1;
            TensorPrimitives.Multiply(delta, 1f / batch, delta);
        }
        return loss;
    }

    private void Backward(int batch)
    {
        for (int l = _model.LayerCount - 1; l >= 0; l--)
        {
            float[] x = _activations[l];
            float[] dy = _deltas[l + 1];
            float[] w = _model.Weights[l];
            float[] dw = _weightGradients[l];
            float[] db = _biasGradients[l];
            int n = _model.Sizes[l];
            int m = _model.Sizes[l + 1];
            Rows.For(m, (long)batch * n, j =>
            {
                Span<float> row = dw.AsSpan(j * n, n);
                row.Clear();
                float biasGradient = 0;
                for (int b = 0; b < batch; b++)
                {
                    float g = dy[b * m + j];
                    if (g != 0)
                    {
                        TensorPrimitives.MultiplyAdd(x.AsSpan(b * n, n), g, row, row);
                        biasGradient += g;
                    }
                }
                db[j] = biasGradient;
            });
            if (l == 0)
            {
                break;
            }
            float[] dx = _deltas[l];
            Rows.For(batch, (long)m * n, b =>
            {
                Span<float> row = dx.AsSpan(b * n, n);
                row.Clear();
                for (int j = 0; j < m; j++)
                {
                    float g = dy[b * m + j];
                    if (g != 0)
                    {
                        TensorPrimitives.MultiplyAdd(w.AsSpan(j * n, n), g, row, row);
                    }
                }
                // ReLU: no gradient flows through a neuron that output 0.
                ReadOnlySpan<float> output = x.AsSpan(b * n, n);
                for (int i = 0; i < n; i++)
                {
                    if (output[i] <= 0)
                    {
                        row[i] = 0;
                    }
                }
            });
        }
    }

    private void Update(float learningRate)
    {
        _steps++;
        float correctedRate = learningRate * MathF.Sqrt(1 - MathF.Pow(Beta2, _steps)) / (1 - MathF.Pow(Beta1, _steps));
        int layers = _model.LayerCount;
        for (int p = 0; p < 2 * layers; p++)
        {
            Span<float> parameters = p < layers ? _model.Weights[p] : _model.Biases[p - layers];
            ReadOnlySpan<float> gradients = p < layers ? _weightGradients[p] : _biasGradients[p - layers];
            Span<float> first = _firstMoments[p];
            Span<float> second = _secondMoments[p];
            for (int k = 0; k < parameters.Length; k++)
            {
                float g = gradients[k];
                first[k] = Beta1 * first[k] + (1 - Beta1) * g;
                second[k] = Beta2 * second[k] + (1 - Beta2) * g * g;
                parameters[k] -= correctedRate * first[k] / (MathF.Sqrt(second[k]) + Epsilon);
            }
        }
    }
}
