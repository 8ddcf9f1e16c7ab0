using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.Formats;

/// <summary>The writers and readers are inverse: what is written reads back the same, byte for byte.</summary>
public sealed class RoundTripProperties
{
    [FsCheckProperty(Arbitrary = [typeof(ModelGenerator)], MaxTest = 60)]
    public void Models_round_trip_through_DQM1(ModelCase @case)
    {
        byte[] bytes = Dqm1.Write(@case.Model);
        QuantizedModel read = Dqm1.Read(bytes);

        Assert.That(read.Layers.Select(l => (l.Inputs, l.Outputs, l.Shift)), Is.EqualTo(@case.Model.Layers.Select(l => (l.Inputs, l.Outputs, l.Shift))));
        Assert.That(read.Layers.Select(l => l.Weights), Is.EqualTo(@case.Model.Layers.Select(l => l.Weights)));
        Assert.That(read.Layers.Select(l => l.Biases), Is.EqualTo(@case.Model.Layers.Select(l => l.Biases)));
        Assert.That(Dqm1.Write(read), Is.EqualTo(bytes));
        Assert.That(Dqm1.ReadShape(bytes).Macs, Is.EqualTo(@case.Model.MacsPerSample));
    }

    [FsCheckProperty(MaxTest = 60)]
    public void Datasets_round_trip_through_DQD1(byte[] labels, byte inputSize, int seed)
    {
        int size = inputSize + 1;
        var dataset = new Dataset(size, labels, ModelGenerator.Int8s(new Random(seed), labels.Length * size));

        Dataset read = Dqd1.Read(Dqd1.Write(dataset));

        Assert.That((read.InputSize, read.Labels, read.Inputs), Is.EqualTo((dataset.InputSize, dataset.Labels, dataset.Inputs)));
    }
}
