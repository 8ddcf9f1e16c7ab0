using System.Buffers.Binary;

namespace DaoPlatform.Ethereum.Hashing;

/// <summary>
/// Keccak-256 as Ethereum uses it: the original Keccak padding (0x01), not SHA3-256's (0x06).
/// An allocation-free sponge over Keccak-f[1600] (<see cref="KeccakF1600"/>); rate 136 bytes.
/// For data that arrives in pieces, use <see cref="IncrementalKeccak256"/>.
/// </summary>
public static class Keccak256
{
    /// <summary>The digest length in bytes.</summary>
    public const int HashLength = 32;

    /// <summary>Returns the Keccak-256 digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        byte[] output = new byte[HashLength];
        Hash(data, output);
        return output;
    }

    /// <summary>Writes the Keccak-256 digest of <paramref name="data"/> to the first 32 bytes of <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than 32 bytes.</exception>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        CheckOutput(output);
        KeccakState state = default;
        int whole = data.Length - data.Length % KeccakF1600.Rate;
        KeccakF1600.Absorb(ref state, data[..whole]);
        Finish(ref state, data[whole..], output);
    }

    /// <summary>Pads the last, partial block (pad10*1 with Keccak's 0x01 domain byte), absorbs it, and squeezes 32 bytes.</summary>
    internal static void Finish(ref KeccakState state, ReadOnlySpan<byte> tail, Span<byte> output)
    {
        Span<byte> last = stackalloc byte[KeccakF1600.Rate];
        last.Clear();
        tail.CopyTo(last);
        last[tail.Length] ^= 0x01;
        last[KeccakF1600.Rate - 1] ^= 0x80;
        KeccakF1600.Absorb(ref state, last);
        ReadOnlySpan<ulong> lanes = state;
        for (int i = 0; i < HashLength / 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output[(8 * i)..], lanes[i]);
        }
    }

    internal static void CheckOutput(Span<byte> output)
    {
        if (output.Length < HashLength)
        {
            throw new ArgumentException($"Output span has {output.Length} bytes; Keccak-256 needs {HashLength}.", nameof(output));
        }
    }
}
