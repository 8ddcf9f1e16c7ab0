using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends;

/// <summary>The argument check every back end's <see cref="IEvaluationBackend.Predict"/> shares.</summary>
internal static class BatchShape
{
    public static void Check(QuantizedModel model, ReadOnlySpan<sbyte> inputs, int samples)
    {
        if (inputs.Length != (long)samples * model.InputSize)
        {
            throw new ArgumentException(
                $"inputs of {inputs.Length} values for {samples} samples of input size {model.InputSize}", nameof(inputs));
        }
    }
}
