using System.Numerics;
using System.Runtime.InteropServices;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Generated.Evaluation.Test;
using DaoPlatform.Evaluation.Tests.Generators;

// In the devnet fixture's namespace, so that these tests (and only these) start the devnet.
namespace DaoPlatform.Ethereum.IntegrationTests.Evaluation;

/// <summary>
/// The on-chain interpreter <c>QuantizedMlp</c> (through its test harness, by <c>eth_call</c> on the devnet) and the
/// C# evaluator agree: the same predictions for random models and samples, the same first error for a bad model.
/// </summary>
public sealed class QuantizedMlpCrossCheckTests : IDisposable
{
    private readonly DevnetSession _session = new(Devnet.Account0Key);
    private QuantizedMlpHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Deploy()
    {
        _harness = await QuantizedMlpHarness.DeployAsync(new ContractConnection(_session.Eth, _session.Sender));
    }

    public void Dispose() => _session.Dispose();

    [TestCase(new[] { 4, 3, 2 }, 11)]
    [TestCase(new[] { 33, 17, 9, 4 }, 12)]
    [TestCase(new[] { 1, 5, 1, 3 }, 13)]
    [TestCase(new[] { 784, 16, 10 }, 14)]
    [TestCase(new[] { 70, 40, 40, 40, 2 }, 15)]
    public async Task Random_models_predict_on_chain_as_in_CSharp(int[] widths, int seed)
    {
        ModelCase @case = ModelGenerator.Build(widths, samples: 8, new Random(seed));
        byte[] model = Dqm1.Write(@case.Model);
        byte[][] inputs = [.. Enumerable.Range(0, @case.Samples)
            .Select(s => MemoryMarshal.AsBytes(@case.Inputs.AsSpan(s * @case.Model.InputSize, @case.Model.InputSize)).ToArray())];

        var shape = await _harness.ValidateAsync(model);
        IReadOnlyList<BigInteger> onChain = await _harness.PredictAllAsync(model, inputs);

        Assert.That(shape.Macs, Is.EqualTo(new BigInteger(@case.Model.MacsPerSample)));
        int[] expected = [.. onChain.Select(p => (int)p)];
        foreach (IEvaluationBackend backend in new IEvaluationBackend[] { new ScalarBackend(), new CpuBackend() })
        {
            int[] predictions = new int[@case.Samples];
            backend.Predict(Dqm1.Read(model), @case.Inputs, predictions);
            Assert.That(predictions, Is.EqualTo(expected), $"{backend.Name} on {@case}");
        }
    }

    [Test]
    public async Task A_model_that_can_overflow_is_rejected_on_chain_with_the_same_error()
    {
        ModelCase @case = ModelGenerator.Build([6, 4, 3], samples: 1, new Random(16));
        QuantizedLayer hidden = @case.Model.Layers[1];
        int[] biases = [.. hidden.Biases];
        biases[2] = int.MinValue + 1;
        byte[] model = Dqm1.Write(new QuantizedModel([@case.Model.Layers[0], new QuantizedLayer(hidden.Inputs, hidden.Outputs, hidden.Shift, hidden.Weights, biases)]));

        var local = Assert.Throws<EvaluationException>(() => Dqm1.Validate(model))!;
        var chain = (await Assert.ThrowsAsync<QuantizedMlpHarness.ModelAccumulatorOverflowError>(() => _harness.ValidateAsync(model)))!;

        Assert.That(local.ErrorName, Is.EqualTo("ModelAccumulatorOverflow"));
        Assert.That(local.Args, Is.EqualTo(new object[] { (long)chain.Layer, (long)chain.Neuron, (long)chain.WorstCase }));
        Assert.That(local.Args.Take(2), Is.EqualTo(new object[] { 1L, 2L }), "layer 1, neuron 2");
    }
}
