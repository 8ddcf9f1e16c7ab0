using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Training.Data;

/// <summary>
/// Labelled images held twice: as float features in [0, 1] for training, and as the int8 inputs
/// <c>round(v·127)</c> a DQM1 model sees (the quantization of scripts/gen-vectors.mjs and the demo). Both are
/// row-major, <see cref="Count"/> records of <see cref="FeatureCount"/> values.
/// </summary>
public sealed class DigitSet
{
    /// <summary>Creates a set; the arrays are kept, not copied.</summary>
    /// <exception cref="ArgumentException">The features or inputs are not <c>labels.Length × featureCount</c> values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The feature count is below 1.</exception>
    public DigitSet(int featureCount, byte[] labels, float[] features, sbyte[] inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(inputs);
        long expected = (long)labels.Length * featureCount;
        if (features.Length != expected)
        {
            throw new ArgumentException($"digit set: {features.Length} features for {labels.Length} records of {featureCount}", nameof(features));
        }
        if (inputs.Length != expected)
        {
            throw new ArgumentException($"digit set: {inputs.Length} int8 inputs for {labels.Length} records of {featureCount}", nameof(inputs));
        }
        FeatureCount = featureCount;
        Labels = labels;
        Features = features;
        Inputs = inputs;
    }

    /// <summary>Values per record (784 for a 28 × 28 digit).</summary>
    public int FeatureCount { get; }

    /// <summary>Number of records.</summary>
    public int Count => Labels.Length;

    /// <summary>The label of each record (0..9 for digits).</summary>
    public byte[] Labels { get; }

    /// <summary>Float features in [0, 1], record after record.</summary>
    public float[] Features { get; }

    /// <summary>The int8 inputs <c>round(v·127)</c>, record after record.</summary>
    public sbyte[] Inputs { get; }

    /// <summary>The float features of record <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> FeaturesOf(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>The records at <paramref name="indices"/>, in that order, copied into a new set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0..Count-1.</exception>
    public DigitSet Select(ReadOnlySpan<int> indices)
    {
        var labels = new byte[indices.Length];
        var features = new float[indices.Length * FeatureCount];
        var inputs = new sbyte[indices.Length * FeatureCount];
        for (int k = 0; k < indices.Length; k++)
        {
            int index = indices[k];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"record index outside 0..{Count - 1}");
            }
            labels[k] = Labels[index];
            Features.AsSpan(index * FeatureCount, FeatureCount).CopyTo(features.AsSpan(k * FeatureCount));
            Inputs.AsSpan(index * FeatureCount, FeatureCount).CopyTo(inputs.AsSpan(k * FeatureCount));
        }
        return new DigitSet(FeatureCount, labels, features, inputs);
    }

    /// <summary>The int8 inputs and labels as a DQD1-ready dataset (docs/evaluation.md §6); shares the arrays.</summary>
    public Dataset ToDataset() => new(FeatureCount, Labels, Inputs);
}
