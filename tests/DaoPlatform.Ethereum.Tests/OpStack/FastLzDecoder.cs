namespace DaoPlatform.Ethereum.Tests.OpStack;

/// <summary>
/// A FastLZ level-1 decompressor written from the format (the one Solady's flzDecompress reads),
/// to check that <see cref="DaoPlatform.Ethereum.OpStack.FastLz"/> output decodes back to its input.
/// </summary>
internal static class FastLzDecoder
{
    public static byte[] Decompress(ReadOnlySpan<byte> compressed)
    {
        var output = new List<byte>();
        int i = 0;
        while (i < compressed.Length)
        {
            int control = compressed[i];
            int kind = control >> 5;
            if (kind == 0)
            {
                // Literal run of control + 1 bytes.
                int run = control + 1;
                output.AddRange(compressed.Slice(i + 1, run).ToArray());
                i += 1 + run;
                continue;
            }
            bool longMatch = kind == 7;
            int length = longMatch ? 9 + compressed[i + 1] : 2 + kind;
            int offsetLow = compressed[i + (longMatch ? 2 : 1)];
            int from = output.Count - (((control & 0x1f) << 8) + offsetLow) - 1;
            if (from < 0)
            {
                throw new FormatException($"FastLZ: match at {i} reaches {-from} bytes before the start.");
            }
            for (int j = 0; j < length; j++)
            {
                output.Add(output[from + j]);
            }
            i += longMatch ? 3 : 2;
        }
        return [.. output];
    }
}
