using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DaoPlatform.Ethereum.Hashing;

/// <summary>Four Keccak-f[1600] states side by side: lane k of every vector belongs to state k.</summary>
[InlineArray(25)]
internal struct KeccakState4
{
    private Vector256<ulong> _lane;
}

/// <summary>
/// Keccak-f[1600] on four independent states at once (FIPS 202, 3.3 and 3.4), fused with absorbing at Keccak-256's
/// rate, with the 64-bit lanes of the four states in the four elements of 256-bit vectors.
/// </summary>
/// <remarks>
/// The same round as <see cref="KeccakF1600"/>, written over <see cref="Vector256{T}"/>: one instruction stream
/// permutes four states, which is where four independent streams (<see cref="Keccak256Sponge.AbsorbFour"/>) gain over one: a
/// single Keccak stream is a chain of dependent rounds that no vector width shortens. Callers use it only where
/// <see cref="IsAccelerated"/>; elsewhere the scalar permutation four times is faster than emulated vectors.
/// </remarks>
internal static class KeccakF1600x4
{
    /// <summary>Whether 256-bit vectors are in hardware (AVX2 on x64), so that this beats four scalar runs.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// For each 136-byte block index i: XORs block i of stream k into state k's first 17 lanes, for k = 0..3, then
    /// permutes the four states. The four streams have the same length, a multiple of 136.
    /// </summary>
    /// <exception cref="ArgumentException">The streams' lengths differ or are not a multiple of 136.</exception>
    public static void Absorb(ref KeccakState4 state, ReadOnlySpan<byte> s0, ReadOnlySpan<byte> s1, ReadOnlySpan<byte> s2, ReadOnlySpan<byte> s3)
    {
        if (s0.Length % KeccakF1600.Rate != 0 || s1.Length != s0.Length || s2.Length != s0.Length || s3.Length != s0.Length)
        {
            throw new ArgumentException($"Four streams of equal length, a multiple of {KeccakF1600.Rate} bytes, are absorbed together; got {s0.Length}, {s1.Length}, {s2.Length} and {s3.Length}.", nameof(s0));
        }
        Vector256<ulong> a00 = state[0], a01 = state[1], a02 = state[2], a03 = state[3], a04 = state[4];
        Vector256<ulong> a05 = state[5], a06 = state[6], a07 = state[7], a08 = state[8], a09 = state[9];
        Vector256<ulong> a10 = state[10], a11 = state[11], a12 = state[12], a13 = state[13], a14 = state[14];
        Vector256<ulong> a15 = state[15], a16 = state[16], a17 = state[17], a18 = state[18], a19 = state[19];
        Vector256<ulong> a20 = state[20], a21 = state[21], a22 = state[22], a23 = state[23], a24 = state[24];
        Vector256<ulong> e00, e01, e02, e03, e04, e05, e06, e07, e08, e09, e10, e11, e12, e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
        Vector256<ulong> b0, b1, b2, b3, b4, c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
        ReadOnlySpan<ulong> rc = KeccakF1600.RoundConstants;
        for (int offset = 0; offset < s0.Length; offset += KeccakF1600.Rate)
        {
            a00 ^= Gather(s0, s1, s2, s3, offset + 0);
            a01 ^= Gather(s0, s1, s2, s3, offset + 8);
            a02 ^= Gather(s0, s1, s2, s3, offset + 16);
            a03 ^= Gather(s0, s1, s2, s3, offset + 24);
            a04 ^= Gather(s0, s1, s2, s3, offset + 32);
            a05 ^= Gather(s0, s1, s2, s3, offset + 40);
            a06 ^= Gather(s0, s1, s2, s3, offset + 48);
            a07 ^= Gather(s0, s1, s2, s3, offset + 56);
            a08 ^= Gather(s0, s1, s2, s3, offset + 64);
            a09 ^= Gather(s0, s1, s2, s3, offset + 72);
            a10 ^= Gather(s0, s1, s2, s3, offset + 80);
            a11 ^= Gather(s0, s1, s2, s3, offset + 88);
            a12 ^= Gather(s0, s1, s2, s3, offset + 96);
            a13 ^= Gather(s0, s1, s2, s3, offset + 104);
            a14 ^= Gather(s0, s1, s2, s3, offset + 112);
            a15 ^= Gather(s0, s1, s2, s3, offset + 120);
            a16 ^= Gather(s0, s1, s2, s3, offset + 128);

            for (int round = 0; round < 24; round += 2)
            {
                // round 2i: a -> e
                c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
                c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
                c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
                c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
                c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
                d0 = c4 ^ Rol(c1, 1);
                d1 = c0 ^ Rol(c2, 1);
                d2 = c1 ^ Rol(c3, 1);
                d3 = c2 ^ Rol(c4, 1);
                d4 = c3 ^ Rol(c0, 1);
                b0 = a00 ^ d0;
                b1 = Rol(a06 ^ d1, 44);
                b2 = Rol(a12 ^ d2, 43);
                b3 = Rol(a18 ^ d3, 21);
                b4 = Rol(a24 ^ d4, 14);
                e00 = b0 ^ Vector256.AndNot(b2, b1) ^ Vector256.Create(rc[round]);
                e01 = b1 ^ Vector256.AndNot(b3, b2);
                e02 = b2 ^ Vector256.AndNot(b4, b3);
                e03 = b3 ^ Vector256.AndNot(b0, b4);
                e04 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(a03 ^ d3, 28);
                b1 = Rol(a09 ^ d4, 20);
                b2 = Rol(a10 ^ d0, 3);
                b3 = Rol(a16 ^ d1, 45);
                b4 = Rol(a22 ^ d2, 61);
                e05 = b0 ^ Vector256.AndNot(b2, b1);
                e06 = b1 ^ Vector256.AndNot(b3, b2);
                e07 = b2 ^ Vector256.AndNot(b4, b3);
                e08 = b3 ^ Vector256.AndNot(b0, b4);
                e09 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(a01 ^ d1, 1);
                b1 = Rol(a07 ^ d2, 6);
                b2 = Rol(a13 ^ d3, 25);
                b3 = Rol(a19 ^ d4, 8);
                b4 = Rol(a20 ^ d0, 18);
                e10 = b0 ^ Vector256.AndNot(b2, b1);
                e11 = b1 ^ Vector256.AndNot(b3, b2);
                e12 = b2 ^ Vector256.AndNot(b4, b3);
                e13 = b3 ^ Vector256.AndNot(b0, b4);
                e14 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(a04 ^ d4, 27);
                b1 = Rol(a05 ^ d0, 36);
                b2 = Rol(a11 ^ d1, 10);
                b3 = Rol(a17 ^ d2, 15);
                b4 = Rol(a23 ^ d3, 56);
                e15 = b0 ^ Vector256.AndNot(b2, b1);
                e16 = b1 ^ Vector256.AndNot(b3, b2);
                e17 = b2 ^ Vector256.AndNot(b4, b3);
                e18 = b3 ^ Vector256.AndNot(b0, b4);
                e19 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(a02 ^ d2, 62);
                b1 = Rol(a08 ^ d3, 55);
                b2 = Rol(a14 ^ d4, 39);
                b3 = Rol(a15 ^ d0, 41);
                b4 = Rol(a21 ^ d1, 2);
                e20 = b0 ^ Vector256.AndNot(b2, b1);
                e21 = b1 ^ Vector256.AndNot(b3, b2);
                e22 = b2 ^ Vector256.AndNot(b4, b3);
                e23 = b3 ^ Vector256.AndNot(b0, b4);
                e24 = b4 ^ Vector256.AndNot(b1, b0);

                // round 2i + 1: e -> a
                c0 = e00 ^ e05 ^ e10 ^ e15 ^ e20;
                c1 = e01 ^ e06 ^ e11 ^ e16 ^ e21;
                c2 = e02 ^ e07 ^ e12 ^ e17 ^ e22;
                c3 = e03 ^ e08 ^ e13 ^ e18 ^ e23;
                c4 = e04 ^ e09 ^ e14 ^ e19 ^ e24;
                d0 = c4 ^ Rol(c1, 1);
                d1 = c0 ^ Rol(c2, 1);
                d2 = c1 ^ Rol(c3, 1);
                d3 = c2 ^ Rol(c4, 1);
                d4 = c3 ^ Rol(c0, 1);
                b0 = e00 ^ d0;
                b1 = Rol(e06 ^ d1, 44);
                b2 = Rol(e12 ^ d2, 43);
                b3 = Rol(e18 ^ d3, 21);
                b4 = Rol(e24 ^ d4, 14);
                a00 = b0 ^ Vector256.AndNot(b2, b1) ^ Vector256.Create(rc[round + 1]);
                a01 = b1 ^ Vector256.AndNot(b3, b2);
                a02 = b2 ^ Vector256.AndNot(b4, b3);
                a03 = b3 ^ Vector256.AndNot(b0, b4);
                a04 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(e03 ^ d3, 28);
                b1 = Rol(e09 ^ d4, 20);
                b2 = Rol(e10 ^ d0, 3);
                b3 = Rol(e16 ^ d1, 45);
                b4 = Rol(e22 ^ d2, 61);
                a05 = b0 ^ Vector256.AndNot(b2, b1);
                a06 = b1 ^ Vector256.AndNot(b3, b2);
                a07 = b2 ^ Vector256.AndNot(b4, b3);
                a08 = b3 ^ Vector256.AndNot(b0, b4);
                a09 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(e01 ^ d1, 1);
                b1 = Rol(e07 ^ d2, 6);
                b2 = Rol(e13 ^ d3, 25);
                b3 = Rol(e19 ^ d4, 8);
                b4 = Rol(e20 ^ d0, 18);
                a10 = b0 ^ Vector256.AndNot(b2, b1);
                a11 = b1 ^ Vector256.AndNot(b3, b2);
                a12 = b2 ^ Vector256.AndNot(b4, b3);
                a13 = b3 ^ Vector256.AndNot(b0, b4);
                a14 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(e04 ^ d4, 27);
                b1 = Rol(e05 ^ d0, 36);
                b2 = Rol(e11 ^ d1, 10);
                b3 = Rol(e17 ^ d2, 15);
                b4 = Rol(e23 ^ d3, 56);
                a15 = b0 ^ Vector256.AndNot(b2, b1);
                a16 = b1 ^ Vector256.AndNot(b3, b2);
                a17 = b2 ^ Vector256.AndNot(b4, b3);
                a18 = b3 ^ Vector256.AndNot(b0, b4);
                a19 = b4 ^ Vector256.AndNot(b1, b0);
                b0 = Rol(e02 ^ d2, 62);
                b1 = Rol(e08 ^ d3, 55);
                b2 = Rol(e14 ^ d4, 39);
                b3 = Rol(e15 ^ d0, 41);
                b4 = Rol(e21 ^ d1, 2);
                a20 = b0 ^ Vector256.AndNot(b2, b1);
                a21 = b1 ^ Vector256.AndNot(b3, b2);
                a22 = b2 ^ Vector256.AndNot(b4, b3);
                a23 = b3 ^ Vector256.AndNot(b0, b4);
                a24 = b4 ^ Vector256.AndNot(b1, b0);
            }
        }
        state[0] = a00; state[1] = a01; state[2] = a02; state[3] = a03; state[4] = a04;
        state[5] = a05; state[6] = a06; state[7] = a07; state[8] = a08; state[9] = a09;
        state[10] = a10; state[11] = a11; state[12] = a12; state[13] = a13; state[14] = a14;
        state[15] = a15; state[16] = a16; state[17] = a17; state[18] = a18; state[19] = a19;
        state[20] = a20; state[21] = a21; state[22] = a22; state[23] = a23; state[24] = a24;
    }

    /// <summary>State <paramref name="k"/>'s 25 lanes into <paramref name="state"/>.</summary>
    public static void Extract(in KeccakState4 states, int k, ref KeccakState state)
    {
        for (int i = 0; i < 25; i++)
        {
            state[i] = states[i].GetElement(k);
        }
    }

    /// <summary>Sets state <paramref name="k"/> to <paramref name="state"/>.</summary>
    public static void Insert(ref KeccakState4 states, int k, in KeccakState state)
    {
        for (int i = 0; i < 25; i++)
        {
            states[i] = states[i].WithElement(k, state[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rol(Vector256<ulong> v, [ConstantExpected(Min = 1, Max = 63)] int n) =>
        Vector256.ShiftLeft(v, n) | Vector256.ShiftRightLogical(v, 64 - n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Gather(ReadOnlySpan<byte> s0, ReadOnlySpan<byte> s1, ReadOnlySpan<byte> s2, ReadOnlySpan<byte> s3, int at) =>
        Vector256.Create(
            BinaryPrimitives.ReadUInt64LittleEndian(s0.Slice(at, 8)),
            BinaryPrimitives.ReadUInt64LittleEndian(s1.Slice(at, 8)),
            BinaryPrimitives.ReadUInt64LittleEndian(s2.Slice(at, 8)),
            BinaryPrimitives.ReadUInt64LittleEndian(s3.Slice(at, 8)));
}
