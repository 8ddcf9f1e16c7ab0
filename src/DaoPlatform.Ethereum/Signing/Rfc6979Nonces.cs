using System.Security.Cryptography;
namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// RFC 6979 section 3.2 deterministic nonces for secp256k1 with HMAC-SHA256, where the hash, the
/// key and the order are all 32 bytes. The same generator as BouncyCastle's HMacDsaKCalculator
/// (the tests compare the two), but on the runtime's native HMAC and stack buffers, which makes the
/// nonce a small fraction of a signature's cost rather than a third of it.
/// </summary>
internal ref struct Rfc6979Nonces
{
    private const int Size = 32;

    private Span<byte> _k;
    private Span<byte> _v;
    private bool _started;

    /// <summary>Seeds the generator from the private key and the message hash (both 32 bytes, big-endian).</summary>
    public Rfc6979Nonces(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> hash, Span<byte> k, Span<byte> v)
    {
        _k = k;
        _v = v;
        _started = false;
        // bits2octets(h): h is 256 bits, so reduce it once modulo n.
        Span<byte> h1 = stackalloc byte[Size];
        hash.CopyTo(h1);
        if (h1.SequenceCompareTo(Secp256k1.NBytes) >= 0)
        {
            SubtractN(h1);
        }
        _v.Fill(0x01);
        _k.Clear();
        Span<byte> seed = stackalloc byte[Size + 1 + Size + Size];
        for (byte separator = 0; separator <= 1; separator++)
        {
            _v.CopyTo(seed);
            seed[Size] = separator;
            privateKey.CopyTo(seed[(Size + 1)..]);
            h1.CopyTo(seed[(2 * Size + 1)..]);
            HMACSHA256.HashData(_k, seed, _k);
            HMACSHA256.HashData(_k, _v, _v);
        }
        CryptographicOperations.ZeroMemory(seed);
    }

    /// <summary>Returns the next candidate k with 0 &lt; k &lt; n, as 32 big-endian bytes valid until the next call.</summary>
    public ReadOnlySpan<byte> Next()
    {
        Span<byte> retry = stackalloc byte[Size + 1];
        while (true)
        {
            if (_started)
            {
                // Step h.3 after an unsuitable k (or a k the caller rejected): K = HMAC_K(V || 0x00), V = HMAC_K(V).
                _v.CopyTo(retry);
                retry[Size] = 0x00;
                HMACSHA256.HashData(_k, retry, _k);
                HMACSHA256.HashData(_k, _v, _v);
            }
            _started = true;
            HMACSHA256.HashData(_k, _v, _v);
            if (_v.ContainsAnyExcept((byte)0) && _v.SequenceCompareTo(Secp256k1.NBytes) < 0)
            {
                return _v;
            }
        }
    }

    private static void SubtractN(Span<byte> value)
    {
        int borrow = 0;
        for (int i = Size - 1; i >= 0; i--)
        {
            int difference = value[i] - Secp256k1.NBytes[i] - borrow;
            borrow = difference < 0 ? 1 : 0;
            value[i] = (byte)difference;
        }
    }
}
