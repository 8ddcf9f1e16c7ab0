using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// scrypt (RFC 7914): PBKDF2-HMAC-SHA256 around p independent ROMix runs of Salsa20/8 BlockMix.
/// Written here rather than taken from BouncyCastle because geth (like Go's x/crypto/scrypt) also
/// accepts parameters outside RFC 7914's N &lt; 2^(16·r) bound — the original Web3 Secret Storage test
/// vector has r = 1 with n = 2^18 — and a keystore that geth opens must open here too.
/// </summary>
internal static class Scrypt
{
    private const int BlockWords = 16;

    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int keyLength)
    {
        int blockBytes = 128 * r;
        byte[] b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);
        uint[] x = new uint[32 * r];
        uint[] scratch = new uint[32 * r];
        uint[] v = new uint[32 * r * n];
        for (int i = 0; i < p; i++)
        {
            Span<byte> chunk = b.AsSpan(i * blockBytes, blockBytes);
            for (int k = 0; k < x.Length; k++)
            {
                x[k] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(4 * k)..]);
            }
            RoMix(x, v, scratch, n, r);
            for (int k = 0; k < x.Length; k++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(chunk[(4 * k)..], x[k]);
            }
        }
        Array.Clear(v);
        return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, keyLength);
    }

    private static void RoMix(uint[] x, uint[] v, uint[] scratch, int n, int r)
    {
        int words = 32 * r;
        for (int i = 0; i < n; i++)
        {
            x.CopyTo(v, i * words);
            BlockMix(x, scratch, r);
        }
        for (int i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block; n is a power of two below 2^31.
            int j = (int)(x[words - BlockWords] & (uint)(n - 1));
            ReadOnlySpan<uint> vj = v.AsSpan(j * words, words);
            for (int k = 0; k < words; k++)
            {
                x[k] ^= vj[k];
            }
            BlockMix(x, scratch, r);
        }
    }

    // Y_i = Salsa20/8(Y_{i-1} xor B_i); the output takes the even-indexed Y blocks, then the odd ones.
    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> state = stackalloc uint[BlockWords];
        b.AsSpan((2 * r - 1) * BlockWords, BlockWords).CopyTo(state);
        for (int i = 0; i < 2 * r; i++)
        {
            ReadOnlySpan<uint> block = b.AsSpan(i * BlockWords, BlockWords);
            for (int k = 0; k < BlockWords; k++)
            {
                state[k] ^= block[k];
            }
            Salsa208(state);
            int destination = (i % 2 == 0 ? i / 2 : r + i / 2) * BlockWords;
            state.CopyTo(y.AsSpan(destination, BlockWords));
        }
        y.CopyTo(b, 0);
    }

    private static void Salsa208(Span<uint> b)
    {
        uint x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
        uint x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (int i = 0; i < 8; i += 2)
        {
            // Columns.
            x4 ^= R(x0 + x12, 7); x8 ^= R(x4 + x0, 9); x12 ^= R(x8 + x4, 13); x0 ^= R(x12 + x8, 18);
            x9 ^= R(x5 + x1, 7); x13 ^= R(x9 + x5, 9); x1 ^= R(x13 + x9, 13); x5 ^= R(x1 + x13, 18);
            x14 ^= R(x10 + x6, 7); x2 ^= R(x14 + x10, 9); x6 ^= R(x2 + x14, 13); x10 ^= R(x6 + x2, 18);
            x3 ^= R(x15 + x11, 7); x7 ^= R(x3 + x15, 9); x11 ^= R(x7 + x3, 13); x15 ^= R(x11 + x7, 18);
            // Rows.
            x1 ^= R(x0 + x3, 7); x2 ^= R(x1 + x0, 9); x3 ^= R(x2 + x1, 13); x0 ^= R(x3 + x2, 18);
            x6 ^= R(x5 + x4, 7); x7 ^= R(x6 + x5, 9); x4 ^= R(x7 + x6, 13); x5 ^= R(x4 + x7, 18);
            x11 ^= R(x10 + x9, 7); x8 ^= R(x11 + x10, 9); x9 ^= R(x8 + x11, 13); x10 ^= R(x9 + x8, 18);
            x12 ^= R(x15 + x14, 7); x13 ^= R(x12 + x15, 9); x14 ^= R(x13 + x12, 13); x15 ^= R(x14 + x13, 18);
        }
        b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
        b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint R(uint value, int count) => BitOperations.RotateLeft(value, count);
}
