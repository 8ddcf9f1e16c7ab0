namespace DaoPlatform.Protocol.Content;

/// <summary>
/// Decodes RFC 4648 base32 in lower case without padding: the alphabet of multibase prefix <c>b</c>, in which
/// CIDv1 are printed (the evaluation library's ContentId encodes). Decoding is canonical: unused trailing bits must be zero.
/// </summary>
internal static class Base32Decoder
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Decodes <paramref name="text"/>; null with <paramref name="error"/> set when it is not canonical base32.</summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text, out string? error)
    {
        // 1, 3 or 6 characters past a multiple of 8 cannot end a byte string.
        if (text.Length % 8 is 1 or 3 or 6)
        {
            error = $"{text.Length} base32 characters cannot encode whole bytes";
            return null;
        }
        var data = new byte[text.Length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int position = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int value = Alphabet.IndexOf(text[i], StringComparison.Ordinal);
            if (value < 0)
            {
                error = $"'{text[i]}' at position {i} is not a lower-case base32 character";
                return null;
            }
            buffer = ((buffer << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                data[position++] = (byte)(buffer >> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            error = "the last base32 character has non-zero padding bits";
            return null;
        }
        error = null;
        return data;
    }
}
