using System.Security.Cryptography;

namespace DaoPlatform.Evaluation.Identifiers;

/// <summary>
/// The content identifier of docs/evaluation.md §7: CIDv1 with the raw codec and a sha2-256 multihash, in multibase
/// base32 (RFC 4648 lower-case alphabet, no padding, prefix 'b'). Empty content gives
/// <c>bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku</c>.
/// </summary>
public static class ContentId
{
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const byte RawCodec = 0x55;

    /// <summary>The CID of <paramref name="content"/>.</summary>
    public static string Of(ReadOnlySpan<byte> content) => FromSha256(SHA256.HashData(content));

    /// <summary>The CID of content whose sha2-256 digest is <paramref name="digest"/> (32 bytes).</summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes.</exception>
    public static string FromSha256(ReadOnlySpan<byte> digest) => FromSha256(digest, RawCodec);

    /// <summary>
    /// The CIDv1 of a block of multicodec <paramref name="codec"/> (one-byte codes only: 0x55 raw, 0x70 dag-pb for
    /// IPFS files larger than one block) whose sha2-256 digest is <paramref name="digest"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes, or the codec needs more than one varint byte.</exception>
    public static string FromSha256(ReadOnlySpan<byte> digest, byte codec)
    {
        if (digest.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"a sha2-256 digest has 32 bytes, not {digest.Length}", nameof(digest));
        }
        if (codec >= 0x80)
        {
            throw new ArgumentException($"codec 0x{codec:x2} takes more than one varint byte", nameof(codec));
        }
        // CIDv1 ‖ codec ‖ sha2-256 ‖ 32-byte digest.
        Span<byte> cid = stackalloc byte[4 + SHA256.HashSizeInBytes];
        cid[0] = 0x01;
        cid[1] = codec;
        cid[2] = 0x12;
        cid[3] = 0x20;
        digest.CopyTo(cid[4..]);
        return "b" + Base32(cid);
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = stackalloc char[(bytes.Length * 8 + 4) / 5];
        int length = 0;
        int buffer = 0;
        int bits = 0;
        foreach (byte b in bytes)
        {
            buffer = ((buffer << 8) | b) & 0xffff;
            bits += 8;
            while (bits >= 5)
            {
                text[length++] = Base32Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text[length++] = Base32Alphabet[(buffer << (5 - bits)) & 31];
        }
        return new string(text[..length]);
    }
}
