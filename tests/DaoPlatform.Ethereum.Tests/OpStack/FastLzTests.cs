using DaoPlatform.Ethereum.OpStack;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Ethereum.Tests.OpStack;

public sealed class FastLzTests
{
    [TestCase(0, 0)]
    [TestCase(1, 2)]
    [TestCase(13, 14)]
    [TestCase(32, 33)]
    [TestCase(33, 35)]
    public void ShortOrIncompressibleInputIsLiteralRunsOf32(int length, int expected)
    {
        // Below 16 bytes nothing is searched; distinct bytes never match: a control byte per 32 literals.
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 1)).ToArray();
        Assert.That(FastLz.CompressedLength(data), Is.EqualTo(expected));
        Assert.That(FastLzDecoder.Decompress(FastLz.Compress(data)), Is.EqualTo(data));
    }

    [Test]
    public void LongRunsCompressToAFewBytes()
    {
        byte[] zeros = new byte[10_000];
        byte[] compressed = FastLz.Compress(zeros);
        // A few literal bytes, then back-references covering up to 264 bytes for 3 bytes each.
        Assert.That(compressed.Length, Is.LessThanOrEqualTo(3 * (zeros.Length / 262 + 1) + 16));
        Assert.That(FastLzDecoder.Decompress(compressed), Is.EqualTo(zeros));
    }

    [Test]
    public void MatchesFurtherThan8KiBBackAreNotUsed()
    {
        // The same 100 random bytes 9000 bytes apart, with distinct filler between: too far to reference.
        var random = new Random(7);
        byte[] block = new byte[100];
        random.NextBytes(block);
        byte[] filler = new byte[9000];
        random.NextBytes(filler);
        byte[] data = [.. block, .. filler, .. block];
        Assert.That(FastLz.CompressedLength(data), Is.GreaterThan(9000 + 2 * 100));
        Assert.That(FastLzDecoder.Decompress(FastLz.Compress(data)), Is.EqualTo(data));
    }

    [FsCheckProperty]
    public bool RandomBytesRoundTrip(byte[] data) =>
        FastLzDecoder.Decompress(FastLz.Compress(data)).AsSpan().SequenceEqual(data)
        && FastLz.Compress(data).Length == FastLz.CompressedLength(data);

    [FsCheckProperty]
    public Property RepetitiveBytesRoundTripAndShrink()
    {
        // Repeated chunks with a few random changes: the inputs that exercise matches.
        Gen<byte[]> repetitive =
            from chunk in Gen.ArrayOf(Gen.Choose(0, 3).Select(b => (byte)b)).Where(c => c.Length > 0)
            from repeats in Gen.Choose(2, 200)
            from noise in Gen.Choose(0, 255)
            select Enumerable.Repeat(chunk, repeats).SelectMany(c => c).Select((b, i) => i % 97 == 0 ? (byte)noise : b).ToArray();
        return Prop.ForAll(repetitive.ToArbitrary(), data =>
            FastLzDecoder.Decompress(FastLz.Compress(data)).AsSpan().SequenceEqual(data)
            && FastLz.Compress(data).Length == FastLz.CompressedLength(data)
            && (data.Length < 64 || FastLz.CompressedLength(data) < data.Length));
    }
}
