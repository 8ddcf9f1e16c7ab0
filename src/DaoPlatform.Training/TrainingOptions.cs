namespace DaoPlatform.Training;

/// <summary>
/// How <see cref="DigitTrainer"/> trains and quantizes a model. The defaults train 784-64-32-10 (52,544 MACs, 52,984 DQM1
/// bytes: inside the task limits of 100,000 MACs and 100,000 bytes).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Widths of the ReLU hidden layers, input side first; each 1..4096, at most 7 of them (DQM1 allows 8 layers).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [64, 32];

    /// <summary>Passes over the training split (at least 1).</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Records per Adam step (at least 1).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's step size at the first epoch; it decays along a cosine to a tenth of it at the last. Positive and finite.</summary>
    public double LearningRate { get; init; } = 0.002;

    /// <summary>Seeds the split, the initial weights and the order of records in each epoch: the same seed gives the same model bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Fraction of the records held out for the reported accuracies, inside (0, 1).</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>Receives a report after every batch (for a progress bar); null for none.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(HiddenSizes);
        if (HiddenSizes.Count > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenSizes), HiddenSizes.Count, "a DQM1 model has at most 8 layers, so at most 7 hidden ones");
        }
        for (int l = 0; l < HiddenSizes.Count; l++)
        {
            if (HiddenSizes[l] is < 1 or > 4096)
            {
                throw new ArgumentOutOfRangeException(nameof(HiddenSizes), HiddenSizes[l], $"hidden layer {l} has {HiddenSizes[l]} neurons; DQM1 allows 1..4096");
            }
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive and finite");
        }
        if (!(HeldOutFraction > 0 && HeldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HeldOutFraction), HeldOutFraction, "the held-out fraction must be inside (0, 1)");
        }
    }
}

/// <summary>Where training stands, reported after each batch.</summary>
/// <param name="Epoch">The epoch being run, 1-based.</param>
/// <param name="Epochs">Epochs in all.</param>
/// <param name="Batch">Batches done in this epoch, 1-based.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean cross-entropy (nats) over this epoch's records so far.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss);
