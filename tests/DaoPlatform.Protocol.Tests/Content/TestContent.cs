namespace DaoPlatform.Protocol.Tests.Content;

/// <summary>Deterministic pseudo-random content, so a failing size reproduces.</summary>
internal static class TestContent
{
    public static byte[] Of(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed + length).NextBytes(bytes);
        return bytes;
    }
}
