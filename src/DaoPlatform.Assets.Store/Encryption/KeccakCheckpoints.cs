using System.Security.Cryptography;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using Microsoft.Win32.SafeHandles;

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
internal sealed class KeccakCheckpoints : IDisposable
{
    /// <summary>The largest segment: a read holds eight segments in memory.</summary>
    internal const int MaxSegmentSize = 4 << 20;

    private readonly SafeFileHandle _file;

    private KeccakCheckpoints(int segmentSize, SafeFileHandle file)
    {
        SegmentSize = segmentSize;
        _file = file;
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

    /// <summary>
    /// Writes the states at segment boundaries <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1
    /// (boundary b: the state before segment b; zeros for b = 0) to <paramref name="states"/>, 200 bytes each, read from
    /// the file as needed so that memory does not grow with the asset.
    /// </summary>
    /// <exception cref="AssetIntegrityException">The file ended early.</exception>
    public void ReadBoundaries(long first, int count, Span<byte> states)
    {
        const int State = Keccak256Sponge.StateSize;
        if (first == 0)
        {
            states[..State].Clear();
            first = 1;
            count--;
            states = states[State..];
        }
        Span<byte> wanted = states[..(count * State)];
        int read = count == 0 ? 0 : RandomAccess.Read(_file, wanted, (first - 1) * State);
        if (read != wanted.Length)
        {
            throw new AssetIntegrityException($"The keccak checkpoint file ended before boundary {first + count - 1}.");
        }
    }

    /// <summary>The file beside manifest <paramref name="manifestPath"/>.</summary>
    public static string PathFor(string manifestPath) => Path.ChangeExtension(manifestPath, ".keccak");

    /// <summary>Opens the checkpoints of <paramref name="manifest"/> at <paramref name="path"/>; null where it has none, or the file is missing or not the size its segments need.</summary>
    public static KeccakCheckpoints? Open(string path, AssetManifest manifest)
    {
        if (manifest.KeccakSegmentSize <= 0 || manifest.KeccakSegmentSize % Keccak256Sponge.Rate != 0 || manifest.KeccakSegmentSize % manifest.BlockSize != 0
            || manifest.KeccakSegmentSize > MaxSegmentSize)
        {
            return null;
        }
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (IOException)
        {
            return null; // missing or unreadable: the read hashes in one stream instead
        }
        long expected = (SegmentCount(manifest.Length, manifest.KeccakSegmentSize) - 1) * Keccak256Sponge.StateSize;
        if (RandomAccess.GetLength(file) != expected || !HashesAsWritten(file, expected, manifest.KeccakCheckpointsSha256))
        {
            file.Dispose();
            return null;
        }
        return new KeccakCheckpoints(manifest.KeccakSegmentSize, file);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Whether the file's <paramref name="length"/> bytes hash to <paramref name="sha256"/> (0x hex); true when the manifest records none.</summary>
    private static bool HashesAsWritten(SafeFileHandle file, long length, string? sha256)
    {
        if (sha256 is null)
        {
            return true;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[Math.Min(length, 1 << 16)];
        for (long offset = 0; offset < length;)
        {
            int read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                return false;
            }
            hash.AppendData(buffer, 0, read);
            offset += read;
        }
        return string.Equals(HexConvert.Encode(hash.GetHashAndReset()), sha256, StringComparison.OrdinalIgnoreCase);
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
