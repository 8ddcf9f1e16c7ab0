using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Training.Data;

namespace DaoPlatform.Training.Tests;

/// <summary>Training and quantizing on a small real subset: 300 digits to train on, 100 held out, 3 epochs.</summary>
public sealed class DigitTrainerTests
{
    private static readonly TrainingOptions Small = new()
    {
        HiddenSizes = [32, 16],
        Epochs = 3,
        BatchSize = 32,
        LearningRate = 0.003,
        Seed = 5,
        HeldOutFraction = 0.25,
    };

    [Test]
    public async Task Loss_falls_and_both_networks_classify_far_above_chance_and_close_to_each_other()
    {
        TrainingResult result = new DigitTrainer().Train(await Digits.Subset(), Small);

        Assert.That(result.EpochLosses, Has.Count.EqualTo(3));
        Assert.That(result.EpochLosses[1], Is.LessThan(result.EpochLosses[0]));
        Assert.That(result.EpochLosses[2], Is.LessThan(result.EpochLosses[1]));
        Assert.That(result.TrainCount, Is.EqualTo(300));
        Assert.That(result.HeldOut.Count, Is.EqualTo(100));
        Assert.That(result.FloatAccuracy, Is.GreaterThan(0.6), "chance is 0.1");
        Assert.That(result.QuantizedAccuracy, Is.EqualTo(result.FloatAccuracy).Within(0.05));
        Assert.That(result.Model.Layers.Select(l => (l.Inputs, l.Outputs)), Is.EqualTo(new[] { (784, 32), (32, 16), (16, 10) }));
    }

    [Test]
    public async Task The_quantized_model_meets_the_overflow_rule_and_its_reported_accuracy_is_the_scalar_references()
    {
        TrainingResult result = new DigitTrainer().Train(await Digits.Subset(), Small);

        Assert.That(WorstCases(result.Model), Has.All.LessThanOrEqualTo((long)int.MaxValue));
        Assert.That(result.Model.Layers.Select(l => (int)l.Shift), Has.All.InRange(0, 31));
        var predictions = new int[result.HeldOut.Count];
        new ScalarBackend().Predict(result.Model, result.HeldOut.Inputs, predictions);
        int correct = predictions.Where((p, s) => p == result.HeldOut.Labels[s]).Count();
        Assert.That(result.QuantizedAccuracy, Is.EqualTo(correct / 100.0));
    }

    [Test]
    public async Task The_same_seed_gives_the_same_model_and_another_seed_another()
    {
        DigitSet digits = await Digits.Subset();

        QuantizedModel first = new DigitTrainer().Train(digits, Small).Model;
        QuantizedModel again = new DigitTrainer().Train(digits, Small).Model;
        QuantizedModel other = new DigitTrainer().Train(digits, Small with { Seed = 6 }).Model;

        Assert.That(Parameters(again), Is.EqualTo(Parameters(first)));
        Assert.That(Parameters(other), Is.Not.EqualTo(Parameters(first)));
    }

    [Test]
    public async Task Progress_is_reported_after_every_batch_and_cancellation_stops_training()
    {
        DigitSet digits = await Digits.Subset();
        var reports = new List<TrainingProgress>();
        using var cancellation = new CancellationTokenSource();
        var progress = new Recorder(report =>
        {
            reports.Add(report);
            if (report is { Epoch: 2, Batch: 1 })
            {
                cancellation.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => new DigitTrainer().Train(digits, Small with { Progress = progress }, cancellation.Token));

        // 300 records in batches of 32: 10 batches per epoch; cancelled after the first batch of epoch 2.
        Assert.That(reports, Has.Count.EqualTo(11));
        Assert.That(reports[9], Is.EqualTo(reports[9] with { Epoch = 1, Epochs = 3, Batch = 10, Batches = 10 }));
        Assert.That(reports.Select(r => r.Loss), Has.All.GreaterThan(0));
    }

    [TestCase("HiddenSizes", 0)]
    [TestCase("HiddenSizes", 4097)]
    [TestCase("Epochs", 0)]
    [TestCase("BatchSize", 0)]
    [TestCase("LearningRate", -1.0)]
    [TestCase("HeldOutFraction", 1.0)]
    public async Task A_setting_out_of_range_is_refused_naming_it_and_its_value(string setting, object value)
    {
        TrainingOptions options = setting switch
        {
            "HiddenSizes" => Small with { HiddenSizes = [32, (int)value] },
            "Epochs" => Small with { Epochs = (int)value },
            "BatchSize" => Small with { BatchSize = (int)value },
            "LearningRate" => Small with { LearningRate = (double)value },
            _ => Small with { HeldOutFraction = (double)value },
        };
        DigitSet digits = await Digits.Subset();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DigitTrainer().Train(digits, options))!;

        Assert.That(error.ParamName, Is.EqualTo(setting));
        Assert.That(error.ActualValue, Is.EqualTo(value));
    }

    /// <summary><c>|b[j]| + Σ_i |w[j][i]|·M_l</c> of every neuron (docs/evaluation.md §3.4).</summary>
    internal static IEnumerable<long> WorstCases(QuantizedModel model) =>
        model.Layers.SelectMany((layer, l) => Enumerable.Range(0, layer.Outputs).Select(j =>
            Math.Abs((long)layer.Biases[j]) + layer.Row(j).ToArray().Sum(w => Math.Abs(w) * (l == 0 ? 128L : 127L))));

    private static string Parameters(QuantizedModel model) =>
        string.Join('|', model.Layers.Select(l => $"{l.Shift}:{Convert.ToHexString((byte[])(Array)l.Weights)}:{string.Join(',', l.Biases)}"));

    /// <summary>Records reports on the training thread, unlike <see cref="Progress{T}"/>, which posts them to the pool.</summary>
    private sealed class Recorder(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }
}
