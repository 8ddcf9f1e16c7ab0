using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using DaoPlatform.Ethereum.Hashing;

namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// One read of an asset's blocks in two stages on two threads. Stage 1 (a thread-pool task) reads each sealed block and
/// authenticates and decrypts it (AES-256-GCM); stage 2 (the caller) writes the block's requested bytes out. A read that
/// recomputes the digests (<see cref="Plan.VerifyDigests"/>) also feeds sha2-256 in stage 1 and checks keccak-256 in
/// stage 2: keccak-256 is most of such a read's CPU time, so this is where a second core helps, hashing while the first
/// decrypts. Where the asset's keccak checkpoints are at hand (<see cref="KeccakCheckpoints"/>),
/// stage 2 checks four segments at once on 256-bit vectors; otherwise it hashes one sequential stream.
/// </summary>
/// <remarks>
/// Memory is a few plaintext buffers and one ciphertext block, whatever the asset's size: without checkpoints four
/// buffers of one block, with them eight of one segment (two groups of four: one being hashed, one being decrypted).
/// The buffers circulate (free → decrypted → written and hashed → free), so stage 1 waits when stage 2 falls behind.
/// Blocks are written one by one as they arrive and only authenticated blocks reach stage 2, so a block that fails
/// (tag, short, missing) is never written: the blocks before it are, then the failure is thrown. On a whole read the
/// last block is held back until both digests match the manifest. When stage 2 fails (the destination, a digest,
/// cancellation) stage 1 is stopped and awaited before the buffers are zeroed and returned to the pool.
/// </remarks>
internal static class BlockReadPipeline
{
    /// <summary>A decrypted block.</summary>
    /// <param name="Index">The block's index in the asset.</param>
    /// <param name="Buffer">One of the read's plaintext buffers, holding the block at [<paramref name="Offset"/>, <paramref name="Offset"/> + <paramref name="Size"/>).</param>
    /// <param name="Offset">Where the block starts in <paramref name="Buffer"/>: a buffer holds one block, or one keccak segment's blocks in order.</param>
    /// <param name="Size">The block's plaintext length.</param>
    /// <param name="Sha256">On the last block of a verified read: sha2-256 of the whole plaintext.</param>
    private readonly record struct PlainBlock(long Index, byte[] Buffer, int Offset, int Size, byte[]? Sha256);

    /// <summary>What to read: plaintext bytes [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>), non-empty, of the asset.</summary>
    /// <param name="Manifest">The asset.</param>
    /// <param name="StorageId">Its storage id (every block's associated data).</param>
    /// <param name="Start">The first plaintext byte.</param>
    /// <param name="Length">How many bytes, at least one.</param>
    /// <param name="VerifyDigests">Whether keccak-256 and sha2-256 are checked: whole reads only.</param>
    /// <param name="Checkpoints">On a verified whole read, the asset's keccak checkpoints, if it has them.</param>
    internal sealed record Plan(AssetManifest Manifest, byte[] StorageId, long Start, long Length, bool VerifyDigests, KeccakCheckpoints? Checkpoints = null)
    {
        public BlockLayout Layout => Manifest.Layout;

        public long First => Start / Layout.BlockSize;

        public long Last => (Start + Length - 1) / Layout.BlockSize;

        /// <summary>Whether stage 2 checks keccak-256 by segments from the checkpoints (whole, verified reads that have them).</summary>
        public bool BySegments => VerifyDigests && Checkpoints is not null;

        /// <summary>Blocks per plaintext buffer: a segment's, or one.</summary>
        public int BlocksPerBuffer => BySegments ? Checkpoints!.SegmentSize / Layout.BlockSize : 1;

        /// <summary>Plaintext buffers in circulation: two groups of four segments, or four blocks; no more than the read needs.</summary>
        public int Buffers => (int)Math.Min(BySegments ? 2 * SegmentGroup : 4, ((Last - First) / BlocksPerBuffer) + 1);
    }

    /// <summary>Segments hashed together: one per 64-bit element of a 256-bit vector.</summary>
    private const int SegmentGroup = 4;

    /// <summary>Copies <paramref name="plan"/>'s bytes from <paramref name="ciphertext"/> (positioned at block <see cref="Plan.First"/>) to <paramref name="destination"/>.</summary>
    /// <exception cref="AssetIntegrityException">A block failed, or the digests differ; nothing of that block (or of the last block) was written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; both stages have stopped.</exception>
    public static async Task CopyAsync(Plan plan, AesGcm aes, Stream ciphertext, Stream destination, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        // Unbounded in form only: no more than `buffers.Length` items exist, so neither channel ever holds more.
        Channel<byte[]> free = Channel.CreateUnbounded<byte[]>(options);
        Channel<PlainBlock> decrypted = Channel.CreateUnbounded<PlainBlock>(options);
        byte[][] buffers = new byte[plan.Buffers][];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i] = pool.Rent(plan.BlocksPerBuffer * plan.Layout.BlockSize);
                free.Writer.TryWrite(buffers[i]);
            }
            Task stage1 = Task.Run(() => DecryptAsync(plan, aes, ciphertext, free.Reader, decrypted.Writer, pool, stop.Token), CancellationToken.None);
            try
            {
                Task writing = plan.BySegments
                    ? HashSegmentsAndWriteAsync(plan, decrypted.Reader, free.Writer, destination, stop.Token)
                    : HashAndWriteAsync(plan, decrypted.Reader, free.Writer, destination, stop.Token);
                await writing.ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await stage1.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // stops at its next wait; stage 2's failure is the one to report
                throw;
            }
            await stage1.ConfigureAwait(false); // a block that failed, after the authenticated blocks before it were written
        }
        finally
        {
            foreach (byte[]? buffer in buffers)
            {
                if (buffer is not null)
                {
                    CryptographicOperations.ZeroMemory(buffer.AsSpan(0, plan.BlocksPerBuffer * plan.Layout.BlockSize));
                    pool.Return(buffer);
                }
            }
        }
    }

    private static async Task DecryptAsync(Plan plan, AesGcm aes, Stream ciphertext, ChannelReader<byte[]> free, ChannelWriter<PlainBlock> decrypted, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        BlockLayout layout = plan.Layout;
        byte[]? cipher = null;
        try
        {
            cipher = pool.Rent(layout.BlockSize + BlockLayout.TagSize);
            using IncrementalHash? sha256 = plan.VerifyDigests ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            byte[] plain = [];
            for (long index = plan.First; index <= plan.Last; index++)
            {
                int size = layout.PlaintextSize(index);
                int sealedSize = size + BlockLayout.TagSize;
                int read = await ciphertext.ReadAtLeastAsync(cipher.AsMemory(0, sealedSize), sealedSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read < sealedSize)
                {
                    throw new AssetIntegrityException($"Block {index} of asset {plan.Manifest.ContentHash} is missing or short in the store ({read} of {sealedSize} bytes).");
                }
                int offset = (int)((index - plan.First) % plan.BlocksPerBuffer) * layout.BlockSize;
                if (offset == 0)
                {
                    plain = await free.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                Decrypt(aes, plan, index, cipher.AsSpan(0, sealedSize), plain.AsSpan(offset, size));
                sha256?.AppendData(plain, offset, size);
                decrypted.TryWrite(new PlainBlock(index, plain, offset, size, index == plan.Last ? sha256?.GetHashAndReset() : null));
            }
        }
        finally
        {
            decrypted.TryComplete(); // whatever happened, stage 2 stops waiting
            if (cipher is not null)
            {
                pool.Return(cipher); // ciphertext only: nothing to wipe
            }
        }
    }

    private static async Task HashAndWriteAsync(Plan plan, ChannelReader<PlainBlock> decrypted, ChannelWriter<byte[]> free, Stream destination, CancellationToken cancellationToken)
    {
        IncrementalKeccak256? keccak = plan.VerifyDigests ? new IncrementalKeccak256() : null;
        while (await decrypted.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (decrypted.TryRead(out PlainBlock block))
            {
                cancellationToken.ThrowIfCancellationRequested();
                keccak?.Append(block.Buffer.AsSpan(block.Offset, block.Size));
                if (block.Sha256 is not null)
                {
                    CheckDigests(plan.Manifest, keccak!.GetHashAndReset(), block.Sha256); // before the last block leaves: a mismatch leaves the copy incomplete
                }
                await WriteAsync(plan, block, destination, cancellationToken).ConfigureAwait(false);
                free.TryWrite(block.Buffer);
            }
        }
    }

    /// <summary>
    /// Stage 2 with checkpoints: writes each block as it arrives (the last one only once both digests match), and as each
    /// group of four segments completes, checks that each reaches the saved state after it, four at a time; the last
    /// segment must finish to the content hash. A segment's buffer goes back to stage 1 once its group is checked.
    /// </summary>
    private static async Task HashSegmentsAndWriteAsync(Plan plan, ChannelReader<PlainBlock> decrypted, ChannelWriter<byte[]> free, Stream destination, CancellationToken cancellationToken)
    {
        KeccakCheckpoints checkpoints = plan.Checkpoints!;
        var group = new List<(byte[] Buffer, int Size)>(SegmentGroup);
        long firstSegment = 0;
        while (await decrypted.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (decrypted.TryRead(out PlainBlock block))
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool last = block.Sha256 is not null;
                if (!last)
                {
                    await WriteAsync(plan, block, destination, cancellationToken).ConfigureAwait(false);
                }
                int filled = block.Offset + block.Size;
                if (last || filled == checkpoints.SegmentSize)
                {
                    group.Add((block.Buffer, filled));
                    if (last || group.Count == SegmentGroup)
                    {
                        byte[]? keccak = CheckSegments(plan, checkpoints, firstSegment, group, last);
                        if (last)
                        {
                            CheckDigests(plan.Manifest, keccak, block.Sha256);
                            await WriteAsync(plan, block, destination, cancellationToken).ConfigureAwait(false);
                        }
                        firstSegment += group.Count;
                        foreach ((byte[] buffer, _) in group)
                        {
                            free.TryWrite(buffer);
                        }
                        group.Clear();
                    }
                }
            }
        }
    }

    /// <summary>
    /// Checks that segments <paramref name="firstSegment"/>.. (their plaintext in <paramref name="group"/>) each reach the
    /// saved state after them; with <paramref name="endsTheAsset"/>, the last of them is the asset's last segment and is
    /// finished instead. Returns the content's keccak-256 then, else null.
    /// </summary>
    /// <exception cref="AssetIntegrityException">A segment does not reach its saved state: the checkpoint file was altered.</exception>
    private static byte[]? CheckSegments(Plan plan, KeccakCheckpoints checkpoints, long firstSegment, List<(byte[] Buffer, int Size)> group, bool endsTheAsset)
    {
        const int State = Keccak256Sponge.StateSize;
        int chained = endsTheAsset ? group.Count - 1 : group.Count;
        // Boundary k: the state before segment firstSegment + k and after segment firstSegment + k - 1.
        Span<byte> boundaries = stackalloc byte[(SegmentGroup + 1) * State];
        checkpoints.ReadBoundaries(firstSegment, chained + 1, boundaries);
        ReadOnlySpan<byte> states = boundaries[..(SegmentGroup * State)];
        Span<byte> reached = stackalloc byte[SegmentGroup * State];
        if (chained == SegmentGroup)
        {
            Keccak256Sponge.AbsorbFour(states, Segment(group[0]), Segment(group[1]), Segment(group[2]), Segment(group[3]), reached);
        }
        else
        {
            for (int k = 0; k < chained; k++)
            {
                Keccak256Sponge.Absorb(states.Slice(k * State, State), Segment(group[k]), reached.Slice(k * State, State));
            }
        }
        for (int k = 0; k < chained; k++)
        {
            if (!reached.Slice(k * State, State).SequenceEqual(boundaries.Slice((k + 1) * State, State)))
            {
                long segment = firstSegment + k;
                throw new AssetIntegrityException(
                    $"Asset {plan.Manifest.ContentHash}'s plaintext bytes {segment * checkpoints.SegmentSize}..{(segment + 1) * checkpoints.SegmentSize} do not reach the keccak-256 state saved after them: its checkpoint file was altered.");
            }
        }
        if (!endsTheAsset)
        {
            return null;
        }
        byte[] keccak = new byte[Keccak256.HashLength];
        (byte[] lastBuffer, int lastSize) = group[^1];
        Keccak256Sponge.Finish(states.Slice(chained * State, State), lastBuffer.AsSpan(0, lastSize), keccak);
        return keccak;

        static ReadOnlySpan<byte> Segment((byte[] Buffer, int Size) segment) => segment.Buffer.AsSpan(0, segment.Size);
    }

    /// <summary>Writes the requested part of <paramref name="block"/>.</summary>
    private static ValueTask WriteAsync(Plan plan, PlainBlock block, Stream destination, CancellationToken cancellationToken)
    {
        long blockStart = block.Index * plan.Layout.BlockSize;
        int from = (int)Math.Max(0, plan.Start - blockStart);
        int to = (int)Math.Min(block.Size, plan.Start + plan.Length - blockStart);
        return destination.WriteAsync(block.Buffer.AsMemory(block.Offset + from, to - from), cancellationToken);
    }

    private static void Decrypt(AesGcm aes, Plan plan, long index, ReadOnlySpan<byte> sealedBlock, Span<byte> plain)
    {
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> associatedData = stackalloc byte[32];
        BlockLayout.Nonce(index, nonce);
        plan.Layout.AssociatedData(plan.StorageId, index, associatedData);
        try
        {
            aes.Decrypt(nonce, sealedBlock[..plain.Length], sealedBlock[plain.Length..], plain, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            plain.Clear();
            throw new AssetIntegrityException($"Block {index} of asset {plan.Manifest.ContentHash} failed authentication: the stored ciphertext was altered, swapped or truncated.");
        }
    }

    /// <summary>Throws unless the plaintext's digests give the manifest's content hash and CID.</summary>
    /// <exception cref="AssetIntegrityException">They differ.</exception>
    internal static void CheckDigests(AssetManifest manifest, ReadOnlySpan<byte> keccak, ReadOnlySpan<byte> sha256)
    {
        (string contentHash, string sha256Hex, string cid) = ContentDigests.Describe(keccak, sha256);
        if (!string.Equals(contentHash, manifest.ContentHash, StringComparison.OrdinalIgnoreCase) || !string.Equals(cid, manifest.Cid, StringComparison.Ordinal))
        {
            throw new AssetIntegrityException($"Asset {manifest.ContentHash} decrypted to content with keccak-256 {contentHash} and CID {cid}, not {manifest.ContentHash} and {manifest.Cid} (sha2-256 {sha256Hex}).");
        }
    }
}
