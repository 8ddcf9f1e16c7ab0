using DaoPlatform.Training.Data;

namespace DaoPlatform.Training.Tests.Data;

public sealed class DigitSplitTests
{
    [Test]
    public async Task The_same_seed_gives_the_same_disjoint_split_and_another_seed_another()
    {
        DigitSet digits = await Digits.Subset();

        DigitSplit first = DigitSplit.Create(digits, 0.25, seed: 7);
        DigitSplit again = DigitSplit.Create(digits, 0.25, seed: 7);
        DigitSplit other = DigitSplit.Create(digits, 0.25, seed: 8);

        Assert.That(first.HeldOut.Count, Is.EqualTo(100));
        Assert.That(first.Train.Count, Is.EqualTo(300));
        Assert.That(again.HeldOut.Inputs, Is.EqualTo(first.HeldOut.Inputs));
        Assert.That(again.Train.Labels, Is.EqualTo(first.Train.Labels));
        Assert.That(other.HeldOut.Inputs, Is.Not.EqualTo(first.HeldOut.Inputs));
        // Every record lands on exactly one side: the images of both sides together are those of the whole set.
        var all = Images(digits).Order().ToArray();
        var joined = Images(first.Train).Concat(Images(first.HeldOut)).Order().ToArray();
        Assert.That(joined, Is.EqualTo(all));
    }

    [TestCase(0.001, "nothing to hold out")]
    [TestCase(0.999, "nothing to train on")]
    [TestCase(0.0, "inside (0, 1)")]
    [TestCase(1.0, "inside (0, 1)")]
    [TestCase(double.NaN, "inside (0, 1)")]
    public async Task A_split_that_leaves_a_side_empty_is_refused_naming_the_fraction(double fraction, string reason)
    {
        DigitSet digits = await Digits.Subset();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DigitSplit.Create(digits, fraction, seed: 1))!;

        Assert.That(error.ParamName, Is.EqualTo("heldOutFraction"));
        Assert.That(error.ActualValue, Is.EqualTo(fraction));
        Assert.That(error.Message, Does.Contain(reason));
    }

    private static IEnumerable<string> Images(DigitSet set) =>
        Enumerable.Range(0, set.Count).Select(r => set.Labels[r] + ":" + Convert.ToHexString(InputBytes(set, r)));

    private static byte[] InputBytes(DigitSet set, int record) =>
        [.. set.Inputs.AsSpan(record * set.FeatureCount, set.FeatureCount).ToArray().Select(v => (byte)v)];
}
