using System.Security.Cryptography;

namespace DaoPlatform.Protocol.Content;

/// <summary>
/// A CIDv1 with a sha2-256 multihash, printed in multibase base32 (prefix <c>b</c>):
/// bytes <c>0x01 ‖ codec ‖ 0x12 ‖ 0x20 ‖ sha256(block)</c>, as docs/evaluation.md §7 defines for raw
/// content and the CID specification (github.com/multiformats/cid) for dag-pb. The text form comes from
/// the evaluation library's <see cref="DaoPlatform.Evaluation.Identifiers.ContentId"/>; this type adds dag-pb, parsing,
/// the binary form dag-pb links hold, and <see cref="Verify"/>, which checks a block against the CID.
/// </summary>
public sealed class Cid : IEquatable<Cid>
{
    private const byte Version1 = 0x01;
    private const byte Sha256Code = 0x12;
    private const int DigestLength = 32;
    private const int ByteLength = 4 + DigestLength;

    private readonly byte[] _digest;
    private readonly string _text;

    private Cid(ContentCodec codec, byte[] digest)
    {
        Codec = codec;
        _digest = digest;
        _text = DaoPlatform.Evaluation.Identifiers.ContentId.FromSha256(digest, (byte)codec);
    }

    /// <summary>The codec of the block this CID names.</summary>
    public ContentCodec Codec { get; }

    /// <summary>The 32-byte sha2-256 digest of the block.</summary>
    public ReadOnlySpan<byte> Digest => _digest;

    /// <summary>The CID of <paramref name="block"/> under <paramref name="codec"/>: its sha2-256 digest.</summary>
    public static Cid Compute(ContentCodec codec, ReadOnlySpan<byte> block) =>
        new(CheckCodec(codec), SHA256.HashData(block));

    /// <summary>The CID of single-block content (at most one 256 KiB chunk): raw codec, sha2-256.</summary>
    public static Cid ForRawBlock(ReadOnlySpan<byte> content) => Compute(ContentCodec.Raw, content);

    /// <summary>Parses a base32 CIDv1 (<c>bafkrei…</c> for raw, <c>bafybei…</c> for dag-pb).</summary>
    /// <exception cref="FormatException">
    /// The text is not a base32 CIDv1 with a sha2-256 multihash and the raw or dag-pb codec; the message says which part is wrong.
    /// </exception>
    public static Cid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out Cid? cid, out string? error) ? cid : throw new FormatException($"CID '{text}': {error}.");
    }

    /// <summary>Parses <paramref name="text"/> as <see cref="Parse"/> does; false with <paramref name="error"/> saying why when it is not a supported CID.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Cid? cid, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        cid = null;
        if (text.StartsWith("Qm", StringComparison.Ordinal))
        {
            error = "CIDv0 (base58 'Qm…') is not supported; use the CIDv1 form ('ipfs cid base32')";
            return false;
        }
        if (text.Length == 0 || text[0] != 'b')
        {
            error = "expected multibase prefix 'b' (base32)";
            return false;
        }
        byte[]? bytes = Base32Decoder.TryDecode(text.AsSpan(1), out error);
        return bytes is not null && TryRead(bytes, out cid, out error);
    }

    /// <summary>Parses a binary CID (as a dag-pb link holds it).</summary>
    /// <exception cref="FormatException">The bytes are not a supported CIDv1.</exception>
    public static Cid FromBytes(ReadOnlySpan<byte> bytes) =>
        TryRead(bytes, out Cid? cid, out string? error)
            ? cid
            : throw new FormatException($"Binary CID {Convert.ToHexStringLower(bytes)}: {error}.");

    private static bool TryRead(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Cid? cid, out string? error)
    {
        cid = null;
        if (bytes.Length != ByteLength)
        {
            error = $"{bytes.Length} bytes; a CIDv1 with a sha2-256 digest has {ByteLength}";
            return false;
        }
        if (bytes[0] != Version1)
        {
            error = $"version {bytes[0]}; expected 1";
            return false;
        }
        if (bytes[1] is not ((byte)ContentCodec.Raw or (byte)ContentCodec.DagPb))
        {
            error = $"codec 0x{bytes[1]:x2}; supported are raw (0x55) and dag-pb (0x70)";
            return false;
        }
        if (bytes[2] != Sha256Code || bytes[3] != DigestLength)
        {
            error = $"multihash 0x{bytes[2]:x2} of {bytes[3]} bytes; expected sha2-256 (0x12) of 32 bytes";
            return false;
        }
        error = null;
        cid = new Cid((ContentCodec)bytes[1], bytes[4..].ToArray());
        return true;
    }

    /// <summary>The binary CID: version, codec, multihash.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[ByteLength];
        bytes[0] = Version1;
        bytes[1] = (byte)Codec;
        bytes[2] = Sha256Code;
        bytes[3] = DigestLength;
        _digest.CopyTo(bytes, 4);
        return bytes;
    }

    /// <summary>Checks that <paramref name="block"/> is the block this CID names.</summary>
    /// <param name="block">The block as fetched.</param>
    /// <param name="source">Where the block came from, for the error message (a URL or a path).</param>
    /// <exception cref="ContentVerificationException">The block hashes to another CID; the message names both.</exception>
    public void Verify(ReadOnlySpan<byte> block, string source)
    {
        Span<byte> digest = stackalloc byte[DigestLength];
        SHA256.HashData(block, digest);
        if (!digest.SequenceEqual(_digest))
        {
            throw new ContentVerificationException(this, new Cid(Codec, digest.ToArray()), block.Length, source);
        }
    }

    /// <inheritdoc/>
    public bool Equals(Cid? other) => other is not null && Codec == other.Codec && _digest.AsSpan().SequenceEqual(other._digest);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Cid);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_digest, 0);

    /// <summary>The base32 text form (<c>b…</c>).</summary>
    public override string ToString() => _text;

    private static ContentCodec CheckCodec(ContentCodec codec) =>
        codec is ContentCodec.Raw or ContentCodec.DagPb ? codec : throw new ArgumentOutOfRangeException(nameof(codec), codec, "Only raw and dag-pb are supported.");
}
