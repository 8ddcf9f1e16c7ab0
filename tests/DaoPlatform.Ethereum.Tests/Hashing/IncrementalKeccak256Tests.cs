using DaoPlatform.Ethereum.Hashing;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Crypto.Digests;

namespace DaoPlatform.Ethereum.Tests.Hashing;

public class IncrementalKeccak256Tests
{
    // Inputs up to a few blocks long, cut at random points (empty pieces included): every path through Append's
    // pending-block handling, and lengths on both sides of each 136-byte boundary.
    private static Arbitrary<(byte[] Data, int[] Cuts)> SplitInputs() => Arb.From(
        Gen.Choose(0, 700)
            .SelectMany(length => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length))
            .SelectMany(data => Gen.ListOf(Gen.Choose(0, data.Length))
                .Select(cuts => (data, cuts.Order().ToArray()))));

    private static byte[] HashInPieces(IncrementalKeccak256 keccak, byte[] data, int[] cuts)
    {
        int start = 0;
        foreach (int cut in cuts)
        {
            keccak.Append(data.AsSpan(start, cut - start));
            start = cut;
        }
        keccak.Append(data.AsSpan(start));
        return keccak.GetHashAndReset();
    }

    [FsCheckProperty(MaxTest = 500)]
    public Property AnySplitEqualsTheOneShot() => Prop.ForAll(SplitInputs(), input =>
        HashInPieces(new IncrementalKeccak256(), input.Data, input.Cuts).AsSpan().SequenceEqual(Keccak256.Hash(input.Data)));

    [FsCheckProperty(MaxTest = 500)]
    public Property EqualsBouncyCastlesKeccakDigest() => Prop.ForAll(SplitInputs(), input =>
    {
        var reference = new KeccakDigest(256);
        reference.BlockUpdate(input.Data);
        byte[] expected = new byte[32];
        reference.DoFinal(expected);
        return HashInPieces(new IncrementalKeccak256(), input.Data, input.Cuts).AsSpan().SequenceEqual(expected)
            && Keccak256.Hash(input.Data).AsSpan().SequenceEqual(expected);
    });

    [FsCheckProperty(MaxTest = 100)]
    public Property StartsOverAfterEachDigest() => Prop.ForAll(SplitInputs(), SplitInputs(), (first, second) =>
    {
        var keccak = new IncrementalKeccak256();
        HashInPieces(keccak, first.Data, first.Cuts);
        return HashInPieces(keccak, second.Data, second.Cuts).AsSpan().SequenceEqual(Keccak256.Hash(second.Data));
    });

    [Test]
    public void HashesAMebibyteInOddPiecesLikeTheOneShot()
    {
        byte[] data = new byte[(1 << 20) + 17];
        new Random(19).NextBytes(data);
        var keccak = new IncrementalKeccak256();
        for (int start = 0; start < data.Length; start += 65_537)
        {
            keccak.Append(data.AsSpan(start, Math.Min(65_537, data.Length - start)));
        }
        Assert.That(keccak.GetHashAndReset(), Is.EqualTo(Keccak256.Hash(data)));
    }

    [Test]
    public void RejectsShortOutput()
    {
        var error = Assert.Throws<ArgumentException>(() => new IncrementalKeccak256().GetHashAndReset(new byte[31]));
        Assert.That(error!.Message, Does.Contain("31"));
    }
}
