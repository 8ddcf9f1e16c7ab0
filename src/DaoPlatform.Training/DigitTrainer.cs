using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Training.Data;
using DaoPlatform.Training.Networks;
using DaoPlatform.Training.Quantization;

namespace DaoPlatform.Training;

/// <summary>
/// Trains a ReLU MLP in float32 on labelled images, quantizes it to a DQM1 model and scores both on a held-out split
/// (issue 13's trainer tool). The float network is scored with its own forward pass, the quantized model with
/// <paramref name="backend"/>.
/// </summary>
/// <param name="backend">Evaluates the quantized model on the held-out records.</param>
public sealed class DigitTrainer(IEvaluationBackend backend)
{
    /// <summary>A trainer that scores with the vectorised CPU back end.</summary>
    public DigitTrainer()
        : this(new CpuBackend())
    {
    }

    /// <summary>
    /// Splits <paramref name="digits"/> (<see cref="DigitSplit.Create"/>), trains a
    /// <c>FeatureCount-hidden…-classes</c> network (classes = largest label + 1) with He initialization and Adam on
    /// mini-batches in a seeded order, quantizes it on the training split and measures both accuracies on the held-out split.
    /// The same digits and options give the same model bytes on the same machine.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range, the split leaves nothing to hold out or to train on, or
    /// the labels name fewer than 2 classes.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (non-finite weights).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked after each batch).</exception>
    public TrainingResult Train(DigitSet digits, TrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digits);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int classes = digits.Count == 0 ? 0 : digits.Labels.Max() + 1;
        if (classes < 2)
        {
            throw new ArgumentException($"the labels name {classes} classes; a model needs at least 2", nameof(digits));
        }
        DigitSplit split = DigitSplit.Create(digits, options.HeldOutFraction, options.Seed);
        DigitSet train = split.Train;

        var random = new Random(options.Seed);
        int[] sizes = [digits.FeatureCount, .. options.HiddenSizes, classes];
        FloatMlp network = FloatMlp.CreateHe(sizes, random);
        int batchSize = Math.Min(options.BatchSize, train.Count);
        var trainer = new AdamTrainer(network, batchSize);
        int batches = (train.Count + batchSize - 1) / batchSize;
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        var losses = new List<double>(options.Epochs);
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * batchSize;
                int end = Math.Min(start + batchSize, train.Count);
                float rate = (float)CosineRate(options.LearningRate, epoch * batches + batch, options.Epochs * batches);
                loss += trainer.Step(train, order.AsSpan(start, end - start), rate);
                options.Progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, batch + 1, batches, loss / end));
                cancellationToken.ThrowIfCancellationRequested();
            }
            losses.Add(loss / train.Count);
        }

        DigitSet heldOut = split.HeldOut;
        int[] floatPredictions = network.Predict(heldOut.Features, heldOut.Count);
        var model = PowerOfTwoQuantizer.Quantize(network, train.Inputs);
        var predictions = new int[heldOut.Count];
        backend.Predict(model, heldOut.Inputs, predictions);
        return new TrainingResult(
            model,
            Accuracy(floatPredictions, heldOut.Labels),
            Accuracy(predictions, heldOut.Labels),
            losses,
            train.Count,
            heldOut.ToDataset());
    }

    /// <summary>Cosine decay from <paramref name="rate"/> at step 0 to a tenth of it at the last step.</summary>
    private static double CosineRate(double rate, int step, int steps) =>
        rate * (0.1 + 0.45 * (1 + Math.Cos(Math.PI * step / steps)));

    private static double Accuracy(int[] predictions, byte[] labels)
    {
        int correct = 0;
        for (int k = 0; k < labels.Length; k++)
        {
            if (predictions[k] == labels[k])
            {
                correct++;
            }
        }
        return (double)correct / labels.Length;
    }
}
