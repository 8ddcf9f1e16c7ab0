using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation;

/// <summary>
/// Evaluates DQM1 models (docs/evaluation.md §4, §6) on any <see cref="IEvaluationBackend"/>: one sample, a whole
/// dataset streamed through the back end in batches bounded by <see cref="EvaluatorOptions.MemoryBudgetBytes"/>,
/// or the trace of one sample (every layer's output) that a dispute needs. Models must come from
/// <see cref="Formats.Dqm1.Read"/> (or otherwise pass the overflow rule): only those have a defined evaluation.
/// </summary>
public sealed class Evaluator
{
    private readonly EvaluatorOptions _options;

    /// <summary>Creates an evaluator over <paramref name="backend"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The memory budget is not positive.</exception>
    public Evaluator(IEvaluationBackend backend, EvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _options = options ?? new EvaluatorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MemoryBudgetBytes, 1, nameof(options));
        Backend = backend;
    }

    /// <summary>The back end predictions are computed on.</summary>
    public IEvaluationBackend Backend { get; }

    /// <summary>The prediction for one sample: the lowest index of a maximal output.</summary>
    /// <exception cref="EvaluationException"><c>InputLengthMismatch(length, dims[0])</c>.</exception>
    public int Predict(QuantizedModel model, ReadOnlySpan<sbyte> input)
    {
        CheckInputLength(model, input.Length);
        Span<int> prediction = stackalloc int[1];
        Backend.Predict(model, input, prediction);
        return prediction[0];
    }

    /// <summary>
    /// Every layer's output for one sample, computed by the scalar reference: element l holds layer l's outputs
    /// (hidden layers after shift and clamp, the last the shifted logits).
    /// </summary>
    /// <exception cref="EvaluationException"><c>InputLengthMismatch(length, dims[0])</c>.</exception>
    public static int[][] Trace(QuantizedModel model, ReadOnlySpan<sbyte> input)
    {
        CheckInputLength(model, input.Length);
        return ScalarBackend.Trace(model, input);
    }

    /// <summary>
    /// Predicts every record of <paramref name="dataset"/> in batches of <see cref="BatchSize"/> samples and counts
    /// the records whose prediction equals their label (labels are uint8, so a prediction ≥ 256 never counts).
    /// </summary>
    /// <exception cref="EvaluationException"><c>InputLengthMismatch(inputSize, dims[0])</c>: the dataset's input
    /// size differs from the model's.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between two batches.</exception>
    public EvaluationResult Evaluate(QuantizedModel model, Dataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        CheckInputLength(model, dataset.InputSize);
        int[] predictions = new int[dataset.Count];
        int batch = BatchSize(model);
        int accuracy = 0;
        for (int start = 0; start < dataset.Count; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, dataset.Count - start);
            Span<int> slice = predictions.AsSpan(start, count);
            Backend.Predict(model, dataset.Inputs.AsSpan(start * dataset.InputSize, count * dataset.InputSize), slice);
            for (int s = 0; s < count; s++)
            {
                accuracy += slice[s] == dataset.Labels[start + s] ? 1 : 0;
            }
        }
        return new EvaluationResult(predictions, accuracy);
    }

    /// <summary>Samples per batch: as many as the memory budget holds, at least one.</summary>
    public int BatchSize(QuantizedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long perSample = model.InputSize + sizeof(int) + 2L * sizeof(int) * model.MaxWidth;
        return (int)Math.Clamp(_options.MemoryBudgetBytes / perSample, 1, int.MaxValue / Math.Max(model.InputSize, model.MaxWidth));
    }

    private static void CheckInputLength(QuantizedModel model, int length)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (length != model.InputSize)
        {
            throw new EvaluationException("InputLengthMismatch", [(long)length, (long)model.InputSize],
                $"the model takes {model.InputSize} int8 inputs");
        }
    }
}
