namespace DaoPlatform.Evaluation.Model;

/// <summary>
/// One fully connected layer of a DQM1 model (docs/evaluation.md §3.2): <c>m = Outputs</c> neurons over
/// <c>n = Inputs</c> inputs, int8 weights row-major (<c>Weights[j * n + i]</c> is the weight of input i in
/// neuron j), int32 biases, and the arithmetic right shift applied to each accumulator.
/// </summary>
public sealed class QuantizedLayer
{
    /// <summary>Creates a layer; the arrays are kept, not copied.</summary>
    /// <exception cref="ArgumentException">The weights are not <paramref name="outputs"/> × <paramref name="inputs"/>
    /// or the biases not <paramref name="outputs"/> long.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public QuantizedLayer(int inputs, int outputs, byte shift, sbyte[] weights, int[] biases)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.Length != (long)inputs * outputs)
        {
            throw new ArgumentException($"layer weights: {weights.Length} values for {outputs} x {inputs}", nameof(weights));
        }
        if (biases.Length != outputs)
        {
            throw new ArgumentException($"layer biases: {biases.Length} values for {outputs} neurons", nameof(biases));
        }
        Inputs = inputs;
        Outputs = outputs;
        Shift = shift;
        Weights = weights;
        Biases = biases;
    }

    /// <summary>Inputs per neuron (<c>dims[l]</c>).</summary>
    public int Inputs { get; }

    /// <summary>Neurons (<c>dims[l+1]</c>).</summary>
    public int Outputs { get; }

    /// <summary>Right shift of every accumulator (<c>shift[l]</c>), 0..31 in a valid model.</summary>
    public byte Shift { get; }

    /// <summary>Row-major int8 weights, <see cref="Outputs"/> rows of <see cref="Inputs"/> values.</summary>
    public sbyte[] Weights { get; }

    /// <summary>int32 bias of each neuron.</summary>
    public int[] Biases { get; }

    /// <summary>Row j of the weights: the <see cref="Inputs"/> weights of neuron j.</summary>
    public ReadOnlySpan<sbyte> Row(int j) => Weights.AsSpan(j * Inputs, Inputs);
}
