using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.Backends;

/// <summary>Every back end equals the scalar reference on random valid models (docs/evaluation.md §4, §5).</summary>
public sealed class BackendProperties
{
    private static readonly IEvaluationBackend[] s_backends = [.. BackendCases.Fast()];

    [FsCheckProperty(Arbitrary = [typeof(ModelGenerator)], MaxTest = 150)]
    public void Every_back_end_predicts_as_the_scalar_reference(ModelCase @case)
    {
        int[] expected = Predict(new ScalarBackend(), @case.Model, @case.Inputs, @case.Samples);
        foreach (IEvaluationBackend backend in s_backends)
        {
            Assert.That(Predict(backend, @case.Model, @case.Inputs, @case.Samples), Is.EqualTo(expected), backend.Name);
        }
    }

    [TestCaseSource(typeof(BackendCases), nameof(BackendCases.Accelerated))]
    public void Models_4096_wide_predict_as_the_scalar_reference(IEvaluationBackend backend)
    {
        // Width 4096 as input, as hidden layer and as classes; few samples, since the scalar reference is slow.
        var random = new Random(4096);
        foreach (int[] widths in new[] { new[] { 4096, 3, 2 }, new[] { 5, 4096, 7 }, new[] { 33, 4096, 4096 } })
        {
            ModelCase @case = ModelGenerator.Build(widths, 9, random);
            Assert.That(Predict(backend, @case.Model, @case.Inputs, @case.Samples),
                Is.EqualTo(Predict(new ScalarBackend(), @case.Model, @case.Inputs, @case.Samples)), @case.ToString());
        }
    }

    [TestCaseSource(typeof(BackendCases), nameof(BackendCases.Accelerated))]
    public void Every_input_and_weight_at_the_extremes_predicts_as_the_scalar_reference(IEvaluationBackend backend)
    {
        // 4096 inputs of −128 against weights −128 and 127: layer 0's row sums reach ±2^26, the x + 128 offset
        // of the VNNI path its largest values; biases at the overflow bound push the sums to ±(2^31 − 1).
        foreach (sbyte weight in new sbyte[] { -128, 127 })
        {
            foreach (sbyte input in new sbyte[] { -128, 127 })
            {
                long sum = 4096L * Math.Abs((int)weight) * 128;
                int bound = (int)(int.MaxValue - sum);
                var hidden = new QuantizedLayer(4096, 3, 19, Enumerable.Repeat(weight, 3 * 4096).ToArray(), [bound, -bound, 0]);
                var output = new QuantizedLayer(3, 2, 0, [1, 0, 0, 0, 1, 1], [0, 0]);
                var model = new QuantizedModel([hidden, output]);
                sbyte[] inputs = Enumerable.Repeat(input, 4096 * 5).ToArray();
                Assert.That(Predict(backend, model, inputs, 5), Is.EqualTo(Predict(new ScalarBackend(), model, inputs, 5)), $"w {weight}, x {input}");
            }
        }
    }

    [TestCaseSource(typeof(BackendCases), nameof(BackendCases.Accelerated))]
    public void Hidden_activations_of_127_against_pairs_of_extreme_weights_sum_exactly(IEvaluationBackend backend)
    {
        // Layer 0 drives all 4096 hidden neurons to 127; the output rows are all −128 and all 127, so every u8 × s8
        // pair sum is −32,512 or 32,258, the closest vpmaddubsw comes to saturating. Class 0's bias puts its logit one
        // above or one below class 1's: any error in either row sum flips the prediction.
        const int width = 4096;
        long low = width * 127L * -128;
        long high = width * 127L * 127;
        foreach (int margin in new[] { 1, -1 })
        {
            var hidden = new QuantizedLayer(8, width, 0, new sbyte[8 * width], Enumerable.Repeat(127, width).ToArray());
            sbyte[] weights = [.. Enumerable.Repeat((sbyte)-128, width), .. Enumerable.Repeat((sbyte)127, width)];
            var output = new QuantizedLayer(width, 2, 0, weights, [(int)(high - low + margin), 0]);
            var model = new QuantizedModel([hidden, output]);
            sbyte[] inputs = ModelGenerator.Int8s(new Random(margin + 2), 8 * 5);

            int[] predictions = Predict(backend, model, inputs, 5);

            Assert.That(predictions, Is.All.EqualTo(margin > 0 ? 0 : 1), $"margin {margin}");
            Assert.That(predictions, Is.EqualTo(Predict(new ScalarBackend(), model, inputs, 5)));
        }
    }

    [Test]
    public void Auto_picks_a_supported_kernel_and_unsupported_kernels_are_refused()
    {
        var auto = new CpuBackend();
        Assert.That(CpuBackend.IsSupported(auto.Kernel), Is.True);
        Assert.That(auto.Kernel, Is.EqualTo(BackendCases.Kernels.First(CpuBackend.IsSupported)), "Auto takes the first supported kernel, fastest first");
        foreach (CpuKernel kernel in Enum.GetValues<CpuKernel>().Where(k => !CpuBackend.IsSupported(k)))
        {
            Assert.Throws<PlatformNotSupportedException>(() => _ = new CpuBackend(new CpuBackendOptions { Kernel = kernel }));
        }
    }

    private static int[] Predict(IEvaluationBackend backend, QuantizedModel model, sbyte[] inputs, int samples)
    {
        int[] predictions = new int[samples];
        backend.Predict(model, inputs, predictions);
        return predictions;
    }
}
