using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Formats;
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
    public async Task The_written_model_validates_round_trips_and_its_accuracy_is_what_both_back_ends_compute()
    {
        TrainingResult result = new DigitTrainer().Train(await Digits.Subset(), Small);

        byte[] bytes = Dqm1.Write(result.Model);
        ModelShape shape = Dqm1.Validate(bytes);
        Assert.That(shape.Dims, Is.EqualTo((int[])[784, 32, 16, 10]));
        Assert.That(Dqm1.Write(Dqm1.Read(bytes)), Is.EqualTo(bytes));
        var scalar = new int[result.HeldOut.Count];
        var cpu = new int[result.HeldOut.Count];
        new ScalarBackend().Predict(result.Model, result.HeldOut.Inputs, scalar);
        new CpuBackend().Predict(Dqm1.Read(bytes), result.HeldOut.Inputs, cpu);
        Assert.That(cpu, Is.EqualTo(scalar));
        Assert.That(result.QuantizedAccuracy, Is.EqualTo(scalar.Where((p, s) => p == result.HeldOut.Labels[s]).Count() / 100.0));
    }

    [Test]
    public async Task The_default_architecture_fits_the_task_limits()
    {
        // TrainingTasks caps a model at 100,000 MACs and 100,000 bytes in the demo and the task configs.
        TrainingResult result = new DigitTrainer().Train(await Digits.Subset(), new TrainingOptions { Epochs = 1, HeldOutFraction = 0.25 });

        byte[] bytes = Dqm1.Write(result.Model);
        ModelShape shape = Dqm1.Validate(bytes);
        Assert.That(shape.Dims, Is.EqualTo((int[])[784, 64, 32, 10]));
        Assert.That(shape.Macs, Is.EqualTo(52_544).And.LessThanOrEqualTo(100_000));
        Assert.That(bytes, Has.Length.EqualTo(52_984).And.Length.LessThanOrEqualTo(100_000));
    }

    [Test]
    public async Task The_same_seed_gives_the_same_model_and_another_seed_another()
    {
        DigitSet digits = await Digits.Subset();

        byte[] first = Dqm1.Write(new DigitTrainer().Train(digits, Small).Model);
        byte[] again = Dqm1.Write(new DigitTrainer().Train(digits, Small).Model);
        byte[] other = Dqm1.Write(new DigitTrainer().Train(digits, Small with { Seed = 6 }).Model);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
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

    /// <summary>Records reports on the training thread, unlike <see cref="Progress{T}"/>, which posts them to the pool.</summary>
    private sealed class Recorder(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }
}
