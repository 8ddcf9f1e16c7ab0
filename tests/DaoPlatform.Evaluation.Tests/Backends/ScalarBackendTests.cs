using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Tests.Backends;

/// <summary>The scalar reference on cases worked out by hand (docs/evaluation.md §4).</summary>
public sealed class ScalarBackendTests
{
    [Test]
    public void Hidden_outputs_are_floor_shifted_and_clamped_and_ties_go_to_the_lowest_class()
    {
        // Hidden: 3 neurons over 2 inputs, shift 1. Output: 2 classes over 3, shift 0.
        var hidden = new QuantizedLayer(2, 3, 1, [1, 1, -1, 0, 127, 127], [0, 0, 0]);
        var output = new QuantizedLayer(3, 2, 0, [0, 1, 0, 0, 0, 1], [0, 0]);
        var model = new QuantizedModel([hidden, output]);

        int[][] trace = ScalarBackend.Trace(model, [3, 127]);

        Assert.That(trace[0], Is.EqualTo((int[])[65, 0, 127]), "(3+127)>>1 = 65; (-3)>>1 = -2 clamps to 0; 16129+381 clamps to 127");
        Assert.That(trace[1], Is.EqualTo((int[])[0, 127]));
        Span<int> predictions = stackalloc int[2];
        new ScalarBackend().Predict(model, [3, 127, 0, 0], predictions);
        Assert.That(predictions.ToArray(), Is.EqualTo((int[])[1, 0]), "the second sample's logits tie at 0: class 0");
    }

    [Test]
    public void Inputs_that_do_not_fill_the_batch_are_refused()
    {
        var model = new QuantizedModel([new QuantizedLayer(2, 2, 0, [1, 0, 0, 1], [0, 0])]);

        var error = Assert.Throws<ArgumentException>(() => new ScalarBackend().Predict(model, new sbyte[3], new int[2]))!;

        Assert.That(error.Message, Does.Contain("3 values for 2 samples of input size 2"));
    }
}
