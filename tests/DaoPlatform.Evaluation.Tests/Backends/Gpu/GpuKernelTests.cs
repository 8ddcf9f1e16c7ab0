using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Gpu;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.Backends.Gpu;

/// <summary>
/// The GPU back end's kernels (product, epilogue, argmax, padding, batching, weight cache) on ILGPU's CPU
/// accelerator, against the scalar reference, on models sized for that emulator. The emulator runs the
/// plain-integer twin of <c>dp4a</c>; the CUDA instruction and cuBLASLt are checked on a GPU by scripts/gpu-check.
/// </summary>
[NonParallelizable]
public sealed class GpuKernelTests
{
    // Batches of 64 samples: every case over 64 samples streams through several batches and a partial last one.
    private static GpuBackend Gpu => BackendCases.GpuEmulator.Value;

    private static int[] Predict(IEvaluationBackend backend, QuantizedModel model, sbyte[] inputs, int samples)
    {
        var predictions = new int[samples];
        Array.Fill(predictions, -1);
        backend.Predict(model, inputs, predictions);
        return predictions;
    }

    private static void AssertMatchesScalar(ModelCase @case) =>
        Assert.That(Predict(Gpu, @case.Model, @case.Inputs, @case.Samples),
            Is.EqualTo(Predict(new ScalarBackend(), @case.Model, @case.Inputs, @case.Samples)), @case.ToString());

    [Test]
    public void Random_models_at_the_edges_equal_the_scalar_reference()
    {
        // The shared generator's edges (weights -128/127, biases at the overflow bound, shifts 0 and 31, width 1,
        // duplicated output neurons for ties) on widths the emulator runs in well under a second each.
        var random = new Random(13);
        for (int i = 0; i < 12; i++)
        {
            int[] widths = [.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(4) == 0 ? 1 : random.Next(2, 70))];
            AssertMatchesScalar(ModelGenerator.Build(widths, random.Next(1, 140), random));
        }
    }

    [TestCase(new[] { 784, 64, 32, 10 }, 40)]
    [TestCase(new[] { 300, 130, 2 }, 70)]
    [TestCase(new[] { 5, 9, 7, 4, 3, 6, 5, 8, 10 }, 33)]
    public void Wide_and_deep_models_equal_the_scalar_reference(int[] widths, int samples) =>
        AssertMatchesScalar(ModelGenerator.Build(widths, samples, new Random(widths.Sum())));

    [Test]
    public void Shift_31_on_the_output_layer_makes_ties_that_go_to_the_lowest_class()
    {
        // Logits of 0 or -1: most samples tie.
        var random = new Random(31);
        ModelCase drawn = ModelGenerator.Build([12, 6, 5], 50, random);
        QuantizedLayer output = drawn.Model.Layers[1];
        var model = new QuantizedModel([drawn.Model.Layers[0], new QuantizedLayer(6, 5, 31, output.Weights, output.Biases)]);
        int ties = Enumerable.Range(0, 50).Count(s =>
        {
            int[] z = ScalarBackend.Trace(model, drawn.Inputs.AsSpan(s * 12, 12))[^1];
            return z.Count(v => v == z.Max()) > 1;
        });

        Assert.That(ties, Is.GreaterThan(10), "ties present");
        AssertMatchesScalar(drawn with { Model = model });
    }

    [Test]
    public void A_second_model_replaces_the_cached_weights_and_the_first_comes_back()
    {
        var random = new Random(50);
        ModelCase first = ModelGenerator.Build([16, 8, 3], 20, random);
        ModelCase second = ModelGenerator.Build([16, 70, 3], 20, random);

        AssertMatchesScalar(first);
        AssertMatchesScalar(second with { Inputs = first.Inputs });
        AssertMatchesScalar(first);
    }

    [Test]
    public void Inputs_that_do_not_fill_the_batch_are_refused()
    {
        ModelCase @case = ModelGenerator.Build([4, 2], 1, new Random(60));

        var error = Assert.Throws<ArgumentException>(() => Gpu.Predict(@case.Model, new sbyte[7], new int[2]))!;

        Assert.That(error.Message, Does.Contain("7 values for 2 samples of input size 4"));
    }

    [Test]
    public void Batch_sizes_that_are_not_whole_tiles_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GpuBackend.CreateCpuEmulator(batchSize: 100));

    [TestCase(1000)]
    [TestCase((3 << 20) + 12345)]
    public void The_staging_copy_moves_every_byte(int length)
    {
        // Above 1 MiB the copy into page-locked memory is split over the cores, the last chunk partial.
        var source = new sbyte[length];
        new Random(length).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(source.AsSpan()));
        var destination = new sbyte[length + 1];

        GpuBackend.ParallelCopy(source, destination);

        Assert.That(destination.AsSpan(0, length).SequenceEqual(source), Is.True);
        Assert.That(destination[length], Is.Zero, "nothing written past the end");
    }

    [Test]
    public void Dot4_sums_the_four_signed_lanes()
    {
        // Lanes (low byte first): a = (-128, 127, -1, 2), b = (-128, -128, 127, 127).
        int a = unchecked((int)0x02_FF_7F_80);
        int b = unchecked((int)0x7F_7F_80_80);

        Assert.That(GpuKernels.Dot4(a, b, 5), Is.EqualTo(5 + 16384 - 16256 - 127 + 254));
    }
}
