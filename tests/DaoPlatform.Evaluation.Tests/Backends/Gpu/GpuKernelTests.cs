using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Gpu;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Tests.Backends.Gpu;

/// <summary>
/// The GPU back end's kernels (product, epilogue, argmax, padding, batching) on ILGPU's CPU accelerator, against
/// the scalar reference. The emulator runs the plain-integer twin of <c>dp4a</c>; the CUDA instruction itself is
/// checked on a GPU by scripts/gpu-check.
/// </summary>
[NonParallelizable]
public sealed class GpuKernelTests
{
    private GpuBackend _gpu = null!;

    [OneTimeSetUp]
    public void OpenEmulator() => _gpu = GpuBackend.CreateCpuEmulator(batchSize: 64);

    [OneTimeTearDown]
    public void CloseEmulator() => _gpu.Dispose();

    private static int[] Expected(QuantizedModel model, sbyte[] inputs, int samples)
    {
        var expected = new int[samples];
        new ScalarBackend().Predict(model, inputs, expected);
        return expected;
    }

    private int[] Actual(QuantizedModel model, sbyte[] inputs, int samples)
    {
        var actual = new int[samples];
        Array.Fill(actual, -1);
        _gpu.Predict(model, inputs, actual);
        return actual;
    }

    [TestCase(new[] { 10, 8, 3 }, 70, 11)]
    [TestCase(new[] { 1, 1, 2 }, 5, 12)]
    [TestCase(new[] { 64, 64, 64 }, 64, 13)]
    [TestCase(new[] { 300, 130, 2 }, 40, 14)]
    [TestCase(new[] { 5, 9, 7, 4, 3, 6, 5, 8, 10 }, 33, 15)]
    public void Random_models_equal_the_scalar_reference(int[] dims, int samples, int seed)
    {
        var random = new Random(seed);
        QuantizedModel model = RandomModels.Create(random, dims);
        sbyte[] inputs = RandomModels.Inputs(random, samples, dims[0]);

        Assert.That(Actual(model, inputs, samples), Is.EqualTo(Expected(model, inputs, samples)));
    }

    [TestCase(0)]
    [TestCase(31)]
    public void Output_shifts_at_the_limits_and_the_ties_they_make_equal_the_scalar_reference(int shift)
    {
        // Shift 31 leaves every logit 0 or -1: most samples tie, and ties must go to the lowest class.
        var random = new Random(20 + shift);
        QuantizedModel drawn = RandomModels.Create(random, [12, 6, 5]);
        QuantizedLayer output = drawn.Layers[1];
        var model = new QuantizedModel([drawn.Layers[0], new QuantizedLayer(6, 5, (byte)shift, output.Weights, output.Biases)]);
        sbyte[] inputs = RandomModels.Inputs(random, 50, 12);

        int[] expected = Expected(model, inputs, 50);
        Assert.That(Actual(model, inputs, 50), Is.EqualTo(expected));
        if (shift == 31)
        {
            int ties = Enumerable.Range(0, 50).Count(s =>
            {
                int[] z = ScalarBackend.Trace(model, inputs.AsSpan(s * 12, 12))[^1];
                return z.Count(v => v == z.Max()) > 1;
            });
            Assert.That(ties, Is.GreaterThan(10), "ties present");
            Assert.That(expected.Distinct().Count(), Is.GreaterThan(1), "not one constant class");
        }
    }

    [Test]
    public void A_hidden_shift_of_31_equals_the_scalar_reference()
    {
        var random = new Random(25);
        QuantizedModel model = RandomModels.Create(random, [12, 6, 5], shift: 31);
        sbyte[] inputs = RandomModels.Inputs(random, 20, 12);

        Assert.That(Actual(model, inputs, 20), Is.EqualTo(Expected(model, inputs, 20)));
    }

    [Test]
    public void Weights_of_minus_128_and_127_with_biases_at_the_overflow_bound_equal_the_scalar_reference()
    {
        var random = new Random(30);
        QuantizedModel drawn = RandomModels.Create(random, [40, 20, 4]);
        var model = new QuantizedModel([
            RandomModels.WithExtremes(drawn.Layers[0], bound: 128),
            RandomModels.WithExtremes(drawn.Layers[1], bound: 127),
        ]);
        sbyte[] inputs = RandomModels.Inputs(random, 30, 40);
        inputs.AsSpan(0, 40).Fill(-128);
        inputs.AsSpan(40, 40).Fill(127);

        Assert.That(Actual(model, inputs, 30), Is.EqualTo(Expected(model, inputs, 30)));
    }

    [Test]
    public void Samples_stream_through_several_batches_and_a_partial_last_one()
    {
        // 64 samples per batch: 150 samples are two full batches and one of 22.
        var random = new Random(40);
        QuantizedModel model = RandomModels.Create(random, [24, 16, 10]);
        sbyte[] inputs = RandomModels.Inputs(random, 150, 24);

        Assert.That(Actual(model, inputs, 150), Is.EqualTo(Expected(model, inputs, 150)));
    }

    [Test]
    public void A_second_model_replaces_the_cached_weights()
    {
        var random = new Random(50);
        QuantizedModel first = RandomModels.Create(random, [16, 8, 3]);
        QuantizedModel second = RandomModels.Create(random, [16, 70, 3]);
        sbyte[] inputs = RandomModels.Inputs(random, 20, 16);

        Assert.That(Actual(first, inputs, 20), Is.EqualTo(Expected(first, inputs, 20)));
        Assert.That(Actual(second, inputs, 20), Is.EqualTo(Expected(second, inputs, 20)));
        Assert.That(Actual(first, inputs, 20), Is.EqualTo(Expected(first, inputs, 20)));
    }

    [Test]
    public void Inputs_that_do_not_fill_the_batch_are_refused()
    {
        QuantizedModel model = RandomModels.Create(new Random(60), [4, 2]);

        var error = Assert.Throws<ArgumentException>(() => _gpu.Predict(model, new sbyte[7], new int[2]))!;

        Assert.That(error.Message, Does.Contain("7 values for 2 samples of input size 4"));
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
