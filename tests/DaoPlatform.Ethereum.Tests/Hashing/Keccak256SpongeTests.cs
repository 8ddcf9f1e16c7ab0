using DaoPlatform.Ethereum.Hashing;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Ethereum.Tests.Hashing;

public class Keccak256SpongeTests
{
    // Four segments of 0..5 rate blocks each (equal length, as AbsorbFour takes them) and a tail of 0..300 bytes.
    private static Arbitrary<(byte[][] Segments, byte[] Tail)> SegmentedInputs() => Arb.From(
        Gen.Choose(0, 5).SelectMany(blocks =>
            Gen.ArrayOf(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), blocks * Keccak256Sponge.Rate), 4)
                .SelectMany(segments => Gen.Choose(0, 300)
                    .SelectMany(tail => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), tail))
                    .Select(tail => (segments, tail)))));

    [FsCheckProperty(MaxTest = 200)]
    public Property SegmentsFromExportedStatesGiveTheWholeDigest() => Prop.ForAll(SegmentedInputs(), input =>
    {
        // The states a publisher saves: before each segment.
        var keccak = new IncrementalKeccak256();
        byte[] states = new byte[4 * Keccak256Sponge.StateSize];
        for (int k = 0; k < 4; k++)
        {
            keccak.ExportState(states.AsSpan(k * Keccak256Sponge.StateSize, Keccak256Sponge.StateSize));
            keccak.Append(input.Segments[k]);
        }
        byte[] end = new byte[Keccak256Sponge.StateSize];
        keccak.ExportState(end);

        // The checker: four segments at once from their saved states, each result the next saved state.
        byte[] next = new byte[4 * Keccak256Sponge.StateSize];
        Keccak256Sponge.AbsorbFour(states, input.Segments[0], input.Segments[1], input.Segments[2], input.Segments[3], next);
        bool chained = next.AsSpan(0, 3 * Keccak256Sponge.StateSize).SequenceEqual(states.AsSpan(Keccak256Sponge.StateSize))
            && next.AsSpan(3 * Keccak256Sponge.StateSize).SequenceEqual(end);
        byte[] digest = new byte[32];
        Keccak256Sponge.Finish(end, input.Tail, digest);
        byte[] whole = [.. input.Segments.SelectMany(s => s), .. input.Tail];
        return chained && digest.AsSpan().SequenceEqual(Keccak256.Hash(whole));
    });

    [FsCheckProperty(MaxTest = 100)]
    public Property AbsorbFourEqualsFourAbsorbs() => Prop.ForAll(SegmentedInputs(), input =>
    {
        byte[] states = new byte[4 * Keccak256Sponge.StateSize];
        new Random(input.Tail.Length).NextBytes(states); // any states, not only reachable ones
        byte[] four = new byte[states.Length];
        Keccak256Sponge.AbsorbFour(states, input.Segments[0], input.Segments[1], input.Segments[2], input.Segments[3], four);
        byte[] one = new byte[states.Length];
        for (int k = 0; k < 4; k++)
        {
            Keccak256Sponge.Absorb(states.AsSpan(k * Keccak256Sponge.StateSize, Keccak256Sponge.StateSize), input.Segments[k], one.AsSpan(k * Keccak256Sponge.StateSize, Keccak256Sponge.StateSize));
        }
        return four.AsSpan().SequenceEqual(one);
    });

    [Test]
    public void AnAlteredSegmentOrStateNoLongerChains()
    {
        byte[] data = new byte[8 * Keccak256Sponge.Rate];
        new Random(7).NextBytes(data);
        var keccak = new IncrementalKeccak256();
        byte[] start = new byte[Keccak256Sponge.StateSize];
        keccak.ExportState(start);
        keccak.Append(data);
        byte[] end = new byte[Keccak256Sponge.StateSize];
        keccak.ExportState(end);

        byte[] next = new byte[Keccak256Sponge.StateSize];
        Keccak256Sponge.Absorb(start, data, next);
        Assert.That(next, Is.EqualTo(end));
        data[500] ^= 1;
        Keccak256Sponge.Absorb(start, data, next);
        Assert.That(next, Is.Not.EqualTo(end));
        data[500] ^= 1;
        start[199] ^= 1;
        Keccak256Sponge.Absorb(start, data, next);
        Assert.That(next, Is.Not.EqualTo(end));
    }

    [Test]
    public void BadShapesAreRefusedWithTheirSizes()
    {
        var keccak = new IncrementalKeccak256();
        keccak.Append(new byte[10]);
        var pending = Assert.Throws<InvalidOperationException>(() => keccak.ExportState(new byte[Keccak256Sponge.StateSize]));
        Assert.That(pending!.Message, Does.Contain("10 bytes"));
        var shortState = Assert.Throws<ArgumentException>(() => Keccak256Sponge.Absorb(new byte[199], new byte[136], new byte[200]));
        Assert.That(shortState!.Message, Does.Contain("199"));
        var partBlock = Assert.Throws<ArgumentException>(() => Keccak256Sponge.Absorb(new byte[200], new byte[100], new byte[200]));
        Assert.That(partBlock!.Message, Does.Contain("100 bytes"));
        var unequal = Assert.Throws<ArgumentException>(() =>
            Keccak256Sponge.AbsorbFour(new byte[800], new byte[136], new byte[136], new byte[272], new byte[136], new byte[800]));
        Assert.That(unequal!.Message, Does.Contain("272"));
    }
}
