using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends;

/// <summary>
/// Computes DQM1 predictions (docs/evaluation.md §4) for a batch of samples. Every implementation returns the
/// same bits for the same valid model and inputs; the model must have passed the overflow rule (§3.4), which
/// is what makes int32 accumulation in any order exact (§5).
/// </summary>
public interface IEvaluationBackend
{
    /// <summary>A short name for logs and benchmark tables ("scalar", "cpu-avx512", "cuda").</summary>
    string Name { get; }

    /// <summary>
    /// Predicts the class of each of <c>predictions.Length</c> samples whose int8 inputs lie row-major in
    /// <paramref name="inputs"/> (<c>predictions.Length × model.InputSize</c> values).
    /// </summary>
    /// <exception cref="ArgumentException">The inputs are not <c>predictions.Length × model.InputSize</c> values.</exception>
    void Predict(QuantizedModel model, ReadOnlySpan<sbyte> inputs, Span<int> predictions);
}
