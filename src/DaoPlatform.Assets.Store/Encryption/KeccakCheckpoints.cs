using DaoPlatform.Ethereum.Hashing;

namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// The keccak-256 sponge states an asset's plaintext passes through at every segment boundary, saved at publishing so
/// that a whole read checks the content hash four segments at a time (<see cref="Keccak256Sponge.AbsorbFour"/>) instead
/// of in one sequential stream, which one core hashes at about a third of the disk's rate.
/// </summary>
/// <remarks>
/// Segment k is plaintext bytes [k·S, (k + 1)·S), S = <see cref="SegmentSize"/>, a whole number of blocks and of
/// 136-byte keccak blocks; the file holds the 200-byte state before each segment but the first (which starts
/// from zero). The states are not trusted: each segment must reach the next saved state and the last must finish to the
/// registered content hash (see <see cref="Keccak256Sponge"/>), so a wrong file fails the read rather than passing
/// wrong bytes. Kept beside the manifest as <c>&lt;content hash&gt;.keccak</c>; a read without it (an asset published
/// before, a lost file) hashes sequentially.
/// </remarks>
internal sealed class KeccakCheckpoints
{
    /// <summary>The largest segment: a read holds eight segments in memory.</summary>
    internal const int MaxSegmentSize = 4 << 20;

    private readonly byte[] _states;

    private KeccakCheckpoints(int segmentSize, byte[] states)
    {
        SegmentSize = segmentSize;
        _states = states;
    }

    /// <summary>Plaintext bytes per segment.</summary>
    public int SegmentSize { get; }

    /// <summary>
    /// The segment size for <paramref name="blockSize"/>-byte blocks: the smallest common multiple of the block size
    /// and the keccak rate (17 blocks of 64 KiB, 1,114,112 bytes), times the whole number that brings it nearest below
    /// <paramref name="target"/> bytes; 0 (no checkpoints) where that multiple exceeds <see cref="MaxSegmentSize"/>.
    /// </summary>
    public static int SegmentSizeFor(int blockSize, int target)
    {
        long common = (long)blockSize / Gcd(blockSize, Keccak256Sponge.Rate) * Keccak256Sponge.Rate;
        return common > MaxSegmentSize ? 0 : (int)(common * Math.Max(1, Math.Min(target, MaxSegmentSize) / common));
    }

    /// <summary>How many segments <paramref name="length"/> bytes make.</summary>
    public static long SegmentCount(long length, int segmentSize) => (length + segmentSize - 1) / segmentSize;

    /// <summary>Writes the 200-byte state before segment <paramref name="segment"/> to <paramref name="state"/>: zeros for segment 0.</summary>
    public void StateBefore(long segment, Span<byte> state)
    {
        if (segment == 0)
        {
            state[..Keccak256Sponge.StateSize].Clear();
            return;
        }
        _states.AsSpan(checked((int)((segment - 1) * Keccak256Sponge.StateSize)), Keccak256Sponge.StateSize).CopyTo(state);
    }

    /// <summary>The saved state after segment <paramref name="segment"/> (which is not the last).</summary>
    public ReadOnlySpan<byte> StateAfter(long segment) =>
        _states.AsSpan(checked((int)(segment * Keccak256Sponge.StateSize)), Keccak256Sponge.StateSize);

    /// <summary>The file beside manifest <paramref name="manifestPath"/>.</summary>
    public static string PathFor(string manifestPath) => Path.ChangeExtension(manifestPath, ".keccak");

    /// <summary>Saves <paramref name="states"/> (200 bytes per segment boundary) to <paramref name="path"/>, atomically.</summary>
    public static async Task SaveAsync(string path, ReadOnlyMemory<byte> states, CancellationToken cancellationToken)
    {
        string temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, states, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The checkpoints of <paramref name="manifest"/> from <paramref name="path"/>; null where it has none, or the file is missing or not the size its segments need.</summary>
    public static async Task<KeccakCheckpoints?> LoadAsync(string path, AssetManifest manifest, CancellationToken cancellationToken)
    {
        if (manifest.KeccakSegmentSize <= 0 || manifest.KeccakSegmentSize % Keccak256Sponge.Rate != 0 || manifest.KeccakSegmentSize % manifest.BlockSize != 0
            || manifest.KeccakSegmentSize > MaxSegmentSize || !File.Exists(path))
        {
            return null;
        }
        long expected = (SegmentCount(manifest.Length, manifest.KeccakSegmentSize) - 1) * Keccak256Sponge.StateSize;
        if (expected < 0 || new FileInfo(path).Length != expected)
        {
            return null;
        }
        byte[] states = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return states.Length == expected ? new KeccakCheckpoints(manifest.KeccakSegmentSize, states) : null;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
