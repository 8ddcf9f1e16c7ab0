using System.Buffers;

namespace DaoPlatform.Ethereum.OpStack;

/// <summary>
/// FastLZ level-1 compression exactly as the OP stack measures it since Fjord: the algorithm of
/// Solady's <c>LibZip.flzCompress</c>, which the GasPriceOracle runs on chain and op-geth mirrors
/// in <c>FlzCompressLen</c>. Only its output length enters the L1 fee, but <see cref="Compress"/>
/// produces the bytes too so that round trips can be checked against a decompressor.
/// </summary>
public static class FastLz
{
    private const int HashLog = 13;
    private const int HashSize = 1 << HashLog;
    private const int MaxDistance = 0x1fff;
    private const int MaxLiteralRun = 32;
    private const int MatchLengthLimit = 262;

    /// <summary>The length of the FastLZ-compressed form of <paramref name="data"/>.</summary>
    public static int CompressedLength(ReadOnlySpan<byte> data) => Run(data, []);

    /// <summary>The FastLZ-compressed form of <paramref name="data"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        byte[] output = new byte[CompressedLength(data)];
        Run(data, output);
        return output;
    }

    /// <summary>Compresses <paramref name="data"/>, writing to <paramref name="output"/> unless it is empty; returns the length.</summary>
    private static int Run(ReadOnlySpan<byte> data, Span<byte> output)
    {
        var sink = new Sink(output);
        int[] table = ArrayPool<int>.Shared.Rent(HashSize);
        try
        {
            Array.Clear(table, 0, HashSize);
            // The last 13 bytes are never searched for matches: the 3-byte reads stay in bounds.
            int limit = data.Length - 13;
            int anchor = 0;
            int ip = 2;
            while (ip < limit)
            {
                int reference;
                int distance;
                while (true)
                {
                    uint sequence = Read24(data, ip);
                    int slot = Hash(sequence);
                    reference = table[slot];
                    table[slot] = ip;
                    distance = ip - reference;
                    if (ip >= limit)
                    {
                        break;
                    }
                    ip++;
                    if (distance <= MaxDistance && sequence == Read24(data, reference))
                    {
                        break;
                    }
                }
                if (ip >= limit)
                {
                    break;
                }
                ip--;
                if (ip > anchor)
                {
                    sink.Literals(data[anchor..ip]);
                }
                int length = MatchLength(data, reference + 3, ip + 3, limit + 9);
                sink.Match(length, distance - 1);
                ip += length;
                table[Hash(Read24(data, ip))] = ip;
                ip++;
                table[Hash(Read24(data, ip))] = ip;
                ip++;
                anchor = ip;
            }
            sink.Literals(data[anchor..]);
            return sink.Length;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }
    }

    private static uint Read24(ReadOnlySpan<byte> data, int at) =>
        data[at] | ((uint)data[at + 1] << 8) | ((uint)data[at + 2] << 16);

    // Knuth's multiplicative hash (2654435769 = 2^32 / golden ratio); only bits 19..31 are kept.
    private static int Hash(uint sequence) => (int)((2654435769u * sequence) >> 19) & (HashSize - 1);

    /// <summary>
    /// Counts the bytes compared from <paramref name="p"/> and <paramref name="q"/> up to and including the
    /// first difference, or until <paramref name="q"/> reaches <paramref name="end"/>. The reference
    /// counts the differing byte too; the encoded match length (count + 2) absorbs it.
    /// </summary>
    private static int MatchLength(ReadOnlySpan<byte> data, int p, int q, int end)
    {
        int start = q;
        while (q < end)
        {
            bool differs = data[p] != data[q];
            p++;
            q++;
            if (differs)
            {
                break;
            }
        }
        return q - start;
    }

    /// <summary>Counts, and when given room writes, the compressed stream.</summary>
    private ref struct Sink
    {
        private readonly Span<byte> _output;

        public Sink(Span<byte> output)
        {
            _output = output;
            Length = 0;
        }

        public int Length { get; private set; }

        /// <summary>Literal runs of up to 32 bytes, each preceded by a control byte holding its length − 1.</summary>
        public void Literals(ReadOnlySpan<byte> literals)
        {
            while (!literals.IsEmpty)
            {
                int run = Math.Min(literals.Length, MaxLiteralRun);
                Put((byte)(run - 1));
                foreach (byte b in literals[..run])
                {
                    Put(b);
                }
                literals = literals[run..];
            }
        }

        /// <summary>A back-reference; long matches split into chunks of 262.</summary>
        public void Match(int length, int offset)
        {
            while (length >= MatchLengthLimit + 1)
            {
                Put((byte)(224 + (offset >> 8)));
                Put(253);
                Put((byte)offset);
                length -= MatchLengthLimit;
            }
            if (length >= 7)
            {
                Put((byte)(224 + (offset >> 8)));
                Put((byte)(length - 7));
                Put((byte)offset);
            }
            else
            {
                Put((byte)((length << 5) + (offset >> 8)));
                Put((byte)offset);
            }
        }

        private void Put(byte value)
        {
            if (!_output.IsEmpty)
            {
                _output[Length] = value;
            }
            Length++;
        }
    }
}
