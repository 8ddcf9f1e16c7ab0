using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DaoPlatform.Ethereum.Hashing;

/// <summary>The 25 lanes of a Keccak-f[1600] state, lane x + 5y at index x + 5y (FIPS 202, 3.1.2).</summary>
[InlineArray(25)]
internal struct KeccakState
{
    private ulong _lane;
}

/// <summary>
/// The Keccak-f[1600] permutation (FIPS 202, 3.3 and 3.4) fused with absorbing at Keccak-256's rate of 136 bytes.
/// </summary>
/// <remarks>
/// Written out by hand because the hashing of a download is bound by it: the state stays in 25 locals for a whole run
/// of blocks (loaded and stored once, not once per block), two rounds are unrolled so that each round writes the other
/// set of locals (no copying back), and ρ-π-χ go one output row at a time, so only five intermediate lanes are live.
/// The JIT emits <c>andn</c> for <c>~x &amp; y</c> where BMI1 is present, so complementing lanes would gain nothing.
/// </remarks>
internal static class KeccakF1600
{
    /// <summary>The sponge's rate for a 256-bit digest: 1600 - 2 * 256 bits, in bytes.</summary>
    public const int Rate = 136;

    /// <summary>ι's round constants (FIPS 202, 3.2.5).</summary>
    internal static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>
    /// For each 136-byte block of <paramref name="blocks"/>: XORs it into the first 17 lanes, then applies the permutation.
    /// </summary>
    /// <exception cref="ArgumentException">The length of <paramref name="blocks"/> is not a multiple of 136.</exception>
    public static void Absorb(ref KeccakState state, ReadOnlySpan<byte> blocks)
    {
        if (blocks.Length % Rate != 0)
        {
            throw new ArgumentException($"Keccak absorbs whole {Rate}-byte blocks; got {blocks.Length} bytes.", nameof(blocks));
        }
        Span<ulong> s = state;
        ulong a00 = s[0], a01 = s[1], a02 = s[2], a03 = s[3], a04 = s[4];
        ulong a05 = s[5], a06 = s[6], a07 = s[7], a08 = s[8], a09 = s[9];
        ulong a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14];
        ulong a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19];
        ulong a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
        ulong e00, e01, e02, e03, e04, e05, e06, e07, e08, e09, e10, e11, e12, e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
        ulong b0, b1, b2, b3, b4, c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
        ReadOnlySpan<ulong> rc = RoundConstants;
        for (int offset = 0; offset < blocks.Length; offset += Rate)
        {
            ReadOnlySpan<byte> block = blocks.Slice(offset, Rate);
            a00 ^= Lane(block, 0);
            a01 ^= Lane(block, 1);
            a02 ^= Lane(block, 2);
            a03 ^= Lane(block, 3);
            a04 ^= Lane(block, 4);
            a05 ^= Lane(block, 5);
            a06 ^= Lane(block, 6);
            a07 ^= Lane(block, 7);
            a08 ^= Lane(block, 8);
            a09 ^= Lane(block, 9);
            a10 ^= Lane(block, 10);
            a11 ^= Lane(block, 11);
            a12 ^= Lane(block, 12);
            a13 ^= Lane(block, 13);
            a14 ^= Lane(block, 14);
            a15 ^= Lane(block, 15);
            a16 ^= Lane(block, 16);

            for (int round = 0; round < 24; round += 2)
            {
                // round 2i: a -> e
                c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
                c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
                c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
                c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
                c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
                d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
                d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
                d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
                d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
                d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
                b0 = a00 ^ d0;
                b1 = BitOperations.RotateLeft(a06 ^ d1, 44);
                b2 = BitOperations.RotateLeft(a12 ^ d2, 43);
                b3 = BitOperations.RotateLeft(a18 ^ d3, 21);
                b4 = BitOperations.RotateLeft(a24 ^ d4, 14);
                e00 = b0 ^ (~b1 & b2) ^ rc[round];
                e01 = b1 ^ (~b2 & b3);
                e02 = b2 ^ (~b3 & b4);
                e03 = b3 ^ (~b4 & b0);
                e04 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(a03 ^ d3, 28);
                b1 = BitOperations.RotateLeft(a09 ^ d4, 20);
                b2 = BitOperations.RotateLeft(a10 ^ d0, 3);
                b3 = BitOperations.RotateLeft(a16 ^ d1, 45);
                b4 = BitOperations.RotateLeft(a22 ^ d2, 61);
                e05 = b0 ^ (~b1 & b2);
                e06 = b1 ^ (~b2 & b3);
                e07 = b2 ^ (~b3 & b4);
                e08 = b3 ^ (~b4 & b0);
                e09 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(a01 ^ d1, 1);
                b1 = BitOperations.RotateLeft(a07 ^ d2, 6);
                b2 = BitOperations.RotateLeft(a13 ^ d3, 25);
                b3 = BitOperations.RotateLeft(a19 ^ d4, 8);
                b4 = BitOperations.RotateLeft(a20 ^ d0, 18);
                e10 = b0 ^ (~b1 & b2);
                e11 = b1 ^ (~b2 & b3);
                e12 = b2 ^ (~b3 & b4);
                e13 = b3 ^ (~b4 & b0);
                e14 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(a04 ^ d4, 27);
                b1 = BitOperations.RotateLeft(a05 ^ d0, 36);
                b2 = BitOperations.RotateLeft(a11 ^ d1, 10);
                b3 = BitOperations.RotateLeft(a17 ^ d2, 15);
                b4 = BitOperations.RotateLeft(a23 ^ d3, 56);
                e15 = b0 ^ (~b1 & b2);
                e16 = b1 ^ (~b2 & b3);
                e17 = b2 ^ (~b3 & b4);
                e18 = b3 ^ (~b4 & b0);
                e19 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(a02 ^ d2, 62);
                b1 = BitOperations.RotateLeft(a08 ^ d3, 55);
                b2 = BitOperations.RotateLeft(a14 ^ d4, 39);
                b3 = BitOperations.RotateLeft(a15 ^ d0, 41);
                b4 = BitOperations.RotateLeft(a21 ^ d1, 2);
                e20 = b0 ^ (~b1 & b2);
                e21 = b1 ^ (~b2 & b3);
                e22 = b2 ^ (~b3 & b4);
                e23 = b3 ^ (~b4 & b0);
                e24 = b4 ^ (~b0 & b1);

                // round 2i + 1: e -> a
                c0 = e00 ^ e05 ^ e10 ^ e15 ^ e20;
                c1 = e01 ^ e06 ^ e11 ^ e16 ^ e21;
                c2 = e02 ^ e07 ^ e12 ^ e17 ^ e22;
                c3 = e03 ^ e08 ^ e13 ^ e18 ^ e23;
                c4 = e04 ^ e09 ^ e14 ^ e19 ^ e24;
                d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
                d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
                d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
                d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
                d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
                b0 = e00 ^ d0;
                b1 = BitOperations.RotateLeft(e06 ^ d1, 44);
                b2 = BitOperations.RotateLeft(e12 ^ d2, 43);
                b3 = BitOperations.RotateLeft(e18 ^ d3, 21);
                b4 = BitOperations.RotateLeft(e24 ^ d4, 14);
                a00 = b0 ^ (~b1 & b2) ^ rc[round + 1];
                a01 = b1 ^ (~b2 & b3);
                a02 = b2 ^ (~b3 & b4);
                a03 = b3 ^ (~b4 & b0);
                a04 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(e03 ^ d3, 28);
                b1 = BitOperations.RotateLeft(e09 ^ d4, 20);
                b2 = BitOperations.RotateLeft(e10 ^ d0, 3);
                b3 = BitOperations.RotateLeft(e16 ^ d1, 45);
                b4 = BitOperations.RotateLeft(e22 ^ d2, 61);
                a05 = b0 ^ (~b1 & b2);
                a06 = b1 ^ (~b2 & b3);
                a07 = b2 ^ (~b3 & b4);
                a08 = b3 ^ (~b4 & b0);
                a09 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(e01 ^ d1, 1);
                b1 = BitOperations.RotateLeft(e07 ^ d2, 6);
                b2 = BitOperations.RotateLeft(e13 ^ d3, 25);
                b3 = BitOperations.RotateLeft(e19 ^ d4, 8);
                b4 = BitOperations.RotateLeft(e20 ^ d0, 18);
                a10 = b0 ^ (~b1 & b2);
                a11 = b1 ^ (~b2 & b3);
                a12 = b2 ^ (~b3 & b4);
                a13 = b3 ^ (~b4 & b0);
                a14 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(e04 ^ d4, 27);
                b1 = BitOperations.RotateLeft(e05 ^ d0, 36);
                b2 = BitOperations.RotateLeft(e11 ^ d1, 10);
                b3 = BitOperations.RotateLeft(e17 ^ d2, 15);
                b4 = BitOperations.RotateLeft(e23 ^ d3, 56);
                a15 = b0 ^ (~b1 & b2);
                a16 = b1 ^ (~b2 & b3);
                a17 = b2 ^ (~b3 & b4);
                a18 = b3 ^ (~b4 & b0);
                a19 = b4 ^ (~b0 & b1);
                b0 = BitOperations.RotateLeft(e02 ^ d2, 62);
                b1 = BitOperations.RotateLeft(e08 ^ d3, 55);
                b2 = BitOperations.RotateLeft(e14 ^ d4, 39);
                b3 = BitOperations.RotateLeft(e15 ^ d0, 41);
                b4 = BitOperations.RotateLeft(e21 ^ d1, 2);
                a20 = b0 ^ (~b1 & b2);
                a21 = b1 ^ (~b2 & b3);
                a22 = b2 ^ (~b3 & b4);
                a23 = b3 ^ (~b4 & b0);
                a24 = b4 ^ (~b0 & b1);
            }
        }
        s[0] = a00; s[1] = a01; s[2] = a02; s[3] = a03; s[4] = a04;
        s[5] = a05; s[6] = a06; s[7] = a07; s[8] = a08; s[9] = a09;
        s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14;
        s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19;
        s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lane(ReadOnlySpan<byte> block, int index) =>
        BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(8 * index, 8));
}
