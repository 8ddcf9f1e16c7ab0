namespace DaoPlatform.Evaluation;

/// <summary>The outcome of a model over a dataset (docs/evaluation.md §6).</summary>
/// <param name="Predictions">The predicted class of each record, in the dataset's order.</param>
/// <param name="Accuracy">The score: how many records' prediction equals their label, 0..count.</param>
public sealed record EvaluationResult(int[] Predictions, int Accuracy);
