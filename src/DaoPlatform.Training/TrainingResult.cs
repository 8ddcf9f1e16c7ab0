using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Training;

/// <summary>What <see cref="DigitTrainer.Train"/> produced.</summary>
/// <param name="Model">The quantized model; it meets the overflow rule (docs/evaluation.md §3.4).</param>
/// <param name="FloatAccuracy">Fraction of held-out records the float network classifies correctly, 0..1.</param>
/// <param name="QuantizedAccuracy">Fraction of held-out records <paramref name="Model"/> classifies correctly, 0..1.</param>
/// <param name="EpochLosses">Mean training cross-entropy (nats) of each epoch, first epoch first.</param>
/// <param name="TrainCount">Records trained and calibrated on.</param>
/// <param name="HeldOut">The held-out records as a DQD1-ready dataset: the test set the accuracies were measured on.</param>
public sealed record TrainingResult(
    QuantizedModel Model,
    double FloatAccuracy,
    double QuantizedAccuracy,
    IReadOnlyList<double> EpochLosses,
    int TrainCount,
    Dataset HeldOut);
