using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.OpStack;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Ethereum.Tests.OpStack;

public sealed class FastLzTests
{
    // op-geth's FlzCompressLen reference vectors (core/types/rollup_cost_test.go, TestFlzCompressLen).
    private const string OpMainnetContractCall =
        "0x02f901550a758302df1483be21b88304743f94f8" +
        "0e51afb613d764fa61751affd3313c190a86bb870151bd62fd12adb8" +
        "e41ef24f3f0000000000000000000000000000000000000000000000" +
        "00000000000000006e000000000000000000000000af88d065e77c8c" +
        "c2239327c5edb3a432268e5831000000000000000000000000000000" +
        "000000000000000000000000000003c1e50000000000000000000000" +
        "00000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000a0000000" +
        "00000000000000000000000000000000000000000000000000000000" +
        "148c89ed219d02f1a5be012c689b4f5b731827bebe00000000000000" +
        "0000000000c001a033fd89cb37c31b2cba46b6466e040c61fc9b2a36" +
        "75a7f5f493ebd5ad77c497f8a07cdf65680e238392693019b4092f61" +
        "0222e71b7cec06449cb922b93b6a12744e";

    [TestCase("0x", 0, TestName = "op-geth vector: empty input")]
    [TestCase("0xdd80808094095e7baea6a6c7c4c2dfeb977efac326af552d878080808080", 31, TestName = "op-geth vector: empty legacy transaction")]
    [TestCase(OpMainnetContractCall, 202, TestName = "op-geth vector: OP Mainnet contract call 0x8eb9dd4e...")]
    public void MatchesOpGethReferenceLengths(string hex, int expected)
    {
        byte[] data = HexConvert.Decode(hex);
        Assert.That(FastLz.CompressedLength(data), Is.EqualTo(expected));
        Assert.That(FastLzDecoder.Decompress(FastLz.Compress(data)), Is.EqualTo(data));
    }

    [TestCase((byte)0x00, TestName = "op-geth vector: 1000 zero bytes")]
    [TestCase((byte)0x01, TestName = "op-geth vector: 1000 bytes of 0x01")]
    public void MatchesOpGethReferenceLengthForRuns(byte value)
    {
        byte[] data = Enumerable.Repeat(value, 1000).ToArray();
        Assert.That(FastLz.CompressedLength(data), Is.EqualTo(21));
    }

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

    [TestCase(1_000, true)]
    [TestCase(9_000, false)]
    public void OnlyMatchesWithin8KiBAreUsed(int gap, bool matched)
    {
        // The same 100 random bytes twice, `gap` random bytes apart, against a different second block.
        var random = new Random(7);
        byte[] Random(int n)
        {
            byte[] bytes = new byte[n];
            random.NextBytes(bytes);
            return bytes;
        }
        byte[] block = Random(100);
        byte[] filler = Random(gap);
        byte[] repeated = [.. block, .. filler, .. block];
        byte[] different = [.. block, .. filler, .. Random(100)];
        int saved = FastLz.CompressedLength(different) - FastLz.CompressedLength(repeated);
        Assert.That(saved, matched ? Is.GreaterThan(90) : Is.LessThan(10));
        Assert.That(FastLzDecoder.Decompress(FastLz.Compress(repeated)), Is.EqualTo(repeated));
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
