using System.Buffers.Binary;

namespace DaoPlatform.Ethereum.Hashing;

/// <summary>
/// Keccak-256 (<see cref="Keccak256"/>) from and to saved sponge states, so that a long input whose intermediate states
/// were saved at rate-aligned offsets (<see cref="IncrementalKeccak256.ExportState"/>) can be re-hashed as independent
/// segments, four at a time on 256-bit vectors (<see cref="AbsorbFour"/>), and each segment checked against the next
/// saved state.
/// </summary>
/// <remarks>
/// Checking does not trust the saved states: segment 0 starts from the all-zero state, each segment's result must
/// equal the state saved at its end, and the last segment must finish to the expected digest. If every check holds,
/// by induction every saved state is the one the sequential sponge reaches there, and the digest is that of the whole
/// input; if any saved state or any byte is wrong, some check fails. A state is the 25 lanes of Keccak-f[1600]
/// (FIPS 202, 3.1.2), lane x + 5y little-endian at bytes [8(x + 5y), 8(x + 5y) + 8).
/// </remarks>
public static class Keccak256Sponge
{
    /// <summary>Bytes in a saved state: 1600 bits.</summary>
    public const int StateSize = 200;

    /// <summary>The sponge's rate: segments absorbed from a saved state are multiples of it, in bytes.</summary>
    public const int Rate = KeccakF1600.Rate;

    /// <summary>Absorbs <paramref name="data"/> (a multiple of 136 bytes) into <paramref name="state"/>, writing the result to <paramref name="next"/>.</summary>
    /// <exception cref="ArgumentException">A state is not 200 bytes, or the data is not a multiple of 136 bytes.</exception>
    public static void Absorb(ReadOnlySpan<byte> state, ReadOnlySpan<byte> data, Span<byte> next)
    {
        KeccakState lanes = Load(state, nameof(state));
        KeccakF1600.Absorb(ref lanes, data);
        Store(lanes, next, nameof(next));
    }

    /// <summary>
    /// Absorbs four inputs of equal length (a multiple of 136 bytes) into four states at once: input k into the state at
    /// bytes [200k, 200k + 200) of <paramref name="states"/>, the result to the same place in <paramref name="next"/>.
    /// Vectorised where 256-bit vectors are in hardware (about three times one stream's rate with AVX2), else four
    /// scalar runs.
    /// </summary>
    /// <exception cref="ArgumentException">The state spans are not 800 bytes, or the inputs differ in length or are not a multiple of 136 bytes.</exception>
    public static void AbsorbFour(ReadOnlySpan<byte> states, ReadOnlySpan<byte> data0, ReadOnlySpan<byte> data1, ReadOnlySpan<byte> data2, ReadOnlySpan<byte> data3, Span<byte> next)
    {
        if (states.Length != 4 * StateSize || next.Length != 4 * StateSize)
        {
            throw new ArgumentException($"Four states are {4 * StateSize} bytes; got {states.Length} and {next.Length}.", nameof(states));
        }
        if (!KeccakF1600x4.IsAccelerated)
        {
            Absorb(states[..StateSize], data0, next[..StateSize]);
            Absorb(states.Slice(StateSize, StateSize), data1, next.Slice(StateSize, StateSize));
            Absorb(states.Slice(2 * StateSize, StateSize), data2, next.Slice(2 * StateSize, StateSize));
            Absorb(states.Slice(3 * StateSize, StateSize), data3, next.Slice(3 * StateSize, StateSize));
            return;
        }
        KeccakState4 four = default;
        for (int k = 0; k < 4; k++)
        {
            KeccakF1600x4.Insert(ref four, k, Load(states.Slice(k * StateSize, StateSize), nameof(states)));
        }
        KeccakF1600x4.Absorb(ref four, data0, data1, data2, data3);
        KeccakState lanes = default;
        for (int k = 0; k < 4; k++)
        {
            KeccakF1600x4.Extract(four, k, ref lanes);
            Store(lanes, next.Slice(k * StateSize, StateSize), nameof(next));
        }
    }

    /// <summary>
    /// Absorbs <paramref name="tail"/> (any length) into <paramref name="state"/>, pads and writes the 32-byte digest to
    /// <paramref name="output"/>: the Keccak-256 of everything before the state followed by <paramref name="tail"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The state is not 200 bytes, or the output is shorter than 32 bytes.</exception>
    public static void Finish(ReadOnlySpan<byte> state, ReadOnlySpan<byte> tail, Span<byte> output)
    {
        Keccak256.CheckOutput(output);
        KeccakState lanes = Load(state, nameof(state));
        int whole = tail.Length - tail.Length % Rate;
        KeccakF1600.Absorb(ref lanes, tail[..whole]);
        Keccak256.Finish(ref lanes, tail[whole..], output);
    }

    internal static KeccakState Load(ReadOnlySpan<byte> state, string name)
    {
        if (state.Length != StateSize)
        {
            throw new ArgumentException($"A Keccak-f[1600] state is {StateSize} bytes; got {state.Length}.", name);
        }
        KeccakState lanes = default;
        for (int i = 0; i < 25; i++)
        {
            lanes[i] = BinaryPrimitives.ReadUInt64LittleEndian(state[(8 * i)..]);
        }
        return lanes;
    }

    internal static void Store(in KeccakState lanes, Span<byte> state, string name)
    {
        if (state.Length < StateSize)
        {
            throw new ArgumentException($"A Keccak-f[1600] state is {StateSize} bytes; got room for {state.Length}.", name);
        }
        for (int i = 0; i < 25; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(state[(8 * i)..], lanes[i]);
        }
    }
}
