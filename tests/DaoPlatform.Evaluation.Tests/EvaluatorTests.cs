using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests;

/// <summary>The façade: data sets streamed in batches the memory budget bounds, the score, one sample's trace.</summary>
public sealed class EvaluatorTests
{
    [Test]
    public void A_data_set_streams_in_batches_within_the_memory_budget_and_scores_as_one_batch()
    {
        ModelCase @case = ModelGenerator.Build([5, 10, 3], samples: 100, new Random(21));
        byte[] labels = [.. Enumerable.Range(0, 100).Select(s => (byte)(s % 3))];
        var dataset = new Dataset(5, labels, @case.Inputs);
        var recording = new RecordingBackend(new CpuBackend());
        // Per sample: 5 inputs, a 4-byte prediction, two int32 vectors of the widest layer (10): 89 bytes.
        var evaluator = new Evaluator(recording, new EvaluatorOptions { MemoryBudgetBytes = 1000 });

        EvaluationResult result = evaluator.Evaluate(@case.Model, dataset);

        int[] expected = new int[100];
        new ScalarBackend().Predict(@case.Model, @case.Inputs, expected);
        Assert.That(evaluator.BatchSize(@case.Model), Is.EqualTo(11));
        Assert.That(recording.Batches, Has.All.LessThanOrEqualTo(11));
        Assert.That(recording.Batches.Sum(), Is.EqualTo(100));
        Assert.That(result.Predictions, Is.EqualTo(expected));
        Assert.That(result.Accuracy, Is.EqualTo(expected.Where((p, s) => p == labels[s]).Count()));
    }

    [Test]
    public void The_trace_ends_in_the_logits_whose_argmax_is_the_prediction()
    {
        ModelCase @case = ModelGenerator.Build([6, 4, 3], samples: 1, new Random(22));
        var evaluator = new Evaluator(new CpuBackend());

        int[][] trace = Evaluator.Trace(@case.Model, @case.Inputs);

        Assert.That(trace.Select(t => t.Length), Is.EqualTo((int[])[4, 3]));
        Assert.That(trace[0], Has.All.InRange(0, 127), "hidden outputs are clamped");
        Assert.That(ScalarBackend.ArgMax(trace[1]), Is.EqualTo(evaluator.Predict(@case.Model, @case.Inputs)));
        EvaluationAssert.Throws(() => Evaluator.Trace(@case.Model, new sbyte[5]), "InputLengthMismatch", 5L, 6L);
    }

    /// <summary>Passes every batch on, remembering its size.</summary>
    private sealed class RecordingBackend(IEvaluationBackend inner) : IEvaluationBackend
    {
        public List<int> Batches { get; } = [];

        public string Name => inner.Name;

        public void Predict(QuantizedModel model, ReadOnlySpan<sbyte> inputs, Span<int> predictions)
        {
            Batches.Add(predictions.Length);
            inner.Predict(model, inputs, predictions);
        }
    }
}
