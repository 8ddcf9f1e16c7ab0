using DaoPlatform.Assets.Http;

namespace DaoPlatform.Assets.Tests.Http;

/// <summary>Range header forms resolved against a 1,000-byte asset, and the malformed ones refused with a reason.</summary>
public sealed class ByteRangeTests
{
    [TestCase("bytes=0-0", 0, 1)]
    [TestCase("bytes=10-19", 10, 10)]
    [TestCase("bytes=990-", 990, 10)]
    [TestCase("bytes=990-5000", 990, 10)]
    [TestCase("bytes=-10", 990, 10)]
    [TestCase("bytes=-5000", 0, 1000)]
    [TestCase("BYTES=0-999", 0, 1000)]
    public void Resolves(string header, long start, long length)
    {
        Assert.That(ByteRange.TryResolve(header, 1000, out ByteRange range, out string error), Is.True, error);
        Assert.That((range.Start, range.Length), Is.EqualTo((start, length)));
    }

    [TestCase("items=0-1", "not in bytes")]
    [TestCase("bytes=0-1,4-5", "one range per request")]
    [TestCase("bytes=5", "has no '-'")]
    [TestCase("bytes=-0", "not a positive byte count")]
    [TestCase("bytes=a-9", "decimal byte positions")]
    [TestCase("bytes=+1-9", "decimal byte positions")]
    [TestCase("bytes=9-3", "ends before it starts")]
    [TestCase("bytes=1000-", "past the asset")]
    public void Refuses(string header, string reason)
    {
        Assert.That(ByteRange.TryResolve(header, 1000, out _, out string error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }
}
