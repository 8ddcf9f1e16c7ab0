namespace DaoPlatform.Evaluation.Model;

/// <summary>
/// A decoded DQD1 dataset (docs/evaluation.md §6): <see cref="Count"/> records of a uint8 label and
/// <see cref="InputSize"/> int8 inputs, the inputs stored row-major in one array.
/// </summary>
public sealed class Dataset
{
    /// <summary>Creates a dataset; the arrays are kept, not copied.</summary>
    /// <exception cref="ArgumentException">The inputs are not <c>labels.Length × inputSize</c> values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The input size is below 1.</exception>
    public Dataset(int inputSize, byte[] labels, sbyte[] inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length != (long)labels.Length * inputSize)
        {
            throw new ArgumentException($"dataset inputs: {inputs.Length} values for {labels.Length} records of {inputSize}", nameof(inputs));
        }
        InputSize = inputSize;
        Labels = labels;
        Inputs = inputs;
    }

    /// <summary>Inputs per record.</summary>
    public int InputSize { get; }

    /// <summary>Number of records.</summary>
    public int Count => Labels.Length;

    /// <summary>The label of each record.</summary>
    public byte[] Labels { get; }

    /// <summary>All inputs, record after record.</summary>
    public sbyte[] Inputs { get; }

    /// <summary>The inputs of record <paramref name="index"/>.</summary>
    public ReadOnlySpan<sbyte> Input(int index) => Inputs.AsSpan(index * InputSize, InputSize);
}
