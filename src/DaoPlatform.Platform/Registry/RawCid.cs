using System.Security.Cryptography;
using System.Text;

namespace DaoPlatform.Platform.Registry;

/// <summary>
/// The CIDv1 of raw content hashed with sha2-256, in multibase base32 (docs/evaluation.md §7):
/// "b" ‖ base32(0x01 0x55 0x12 0x20 ‖ sha256(bytes)), RFC 4648 lower-case alphabet, no padding.
/// </summary>
public static class RawCid
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The CID of <paramref name="content"/>.</summary>
    public static string Of(ReadOnlySpan<byte> content)
    {
        Span<byte> cid = stackalloc byte[36];
        cid[0] = 0x01;
        cid[1] = 0x55;
        cid[2] = 0x12;
        cid[3] = 0x20;
        SHA256.HashData(content, cid[4..]);
        var text = new StringBuilder("b", 59);
        int buffer = 0, bits = 0;
        foreach (byte b in cid)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }
}
