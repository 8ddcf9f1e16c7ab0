using System.Security.Cryptography;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// keccak-256 (the registry's content hash) and sha2-256 (the CID's digest) of a stream of plaintext,
/// fed block by block.
/// </summary>
internal sealed class ContentDigests : IDisposable
{
    private readonly IncrementalKeccak256 _keccak = new();
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Append(ReadOnlySpan<byte> data)
    {
        _keccak.Append(data);
        _sha256.AppendData(data);
    }

    /// <summary>The keccak-256 sponge state after the data so far, a multiple of 136 bytes (<see cref="IncrementalKeccak256.ExportState"/>).</summary>
    public void ExportKeccakState(Span<byte> state) => _keccak.ExportState(state);

    /// <summary>The two digests as 0x-prefixed hex, and the CID.</summary>
    public (string ContentHash, string Sha256, string Cid) Finish()
    {
        Span<byte> keccak = stackalloc byte[32];
        _keccak.GetHashAndReset(keccak);
        return Describe(keccak, _sha256.GetHashAndReset());
    }

    /// <summary>The 32-byte keccak-256 and sha2-256 digests as 0x-prefixed hex, and the CID of the second.</summary>
    public static (string ContentHash, string Sha256, string Cid) Describe(ReadOnlySpan<byte> keccak, ReadOnlySpan<byte> sha256) =>
        (HexConvert.Encode(keccak), HexConvert.Encode(sha256), RawSha256Cid(sha256));

    public void Dispose() => _sha256.Dispose();

    /// <summary>"b" + base32 (RFC 4648, lower case, no padding) of 0x01 0x55 0x12 0x20 ‖ digest: CIDv1, raw codec, sha2-256.</summary>
    internal static string RawSha256Cid(ReadOnlySpan<byte> sha256)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> cid = stackalloc byte[36];
        cid[0] = 0x01;
        cid[1] = 0x55;
        cid[2] = 0x12;
        cid[3] = 0x20;
        sha256.CopyTo(cid[4..]);
        var text = new System.Text.StringBuilder("b", 60);
        int bits = 0;
        int value = 0;
        foreach (byte b in cid)
        {
            value = (value << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(value >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(Alphabet[(value << (5 - bits)) & 31]);
        }
        return text.ToString();
    }
}
