using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using DaoPlatform.Ethereum.Hashing;

namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// One read of an asset's blocks in two stages on two threads. Stage 1 (a thread-pool task) reads each sealed block,
/// authenticates and decrypts it (AES-256-GCM) and feeds sha2-256; stage 2 (the caller) feeds keccak-256 and writes the
/// block's requested bytes out. keccak-256 is most of a verified read's CPU time and is sequential within a stream, so
/// this is where a second core helps: it hashes block i while the first decrypts block i + 1.
/// </summary>
/// <remarks>
/// Memory is <see cref="Buffers"/> plaintext blocks and one ciphertext block, whatever the asset's size: the plaintext
/// buffers circulate (free → decrypted → written → free), so stage 1 waits when stage 2 falls behind. Only
/// authenticated blocks reach stage 2, so a block that fails (tag, short, missing) is never written: the blocks before
/// it are, then the failure is thrown. On a whole read the last block is held back until both digests match the
/// manifest. When stage 2 fails (the destination, a digest, cancellation) stage 1 is stopped and awaited before the
/// buffers are zeroed and returned to the pool.
/// </remarks>
internal static class BlockReadPipeline
{
    /// <summary>Plaintext buffers per read: one being decrypted, one being hashed and written, two in between.</summary>
    public const int Buffers = 4;

    /// <summary>An authenticated block's plaintext.</summary>
    /// <param name="Index">The block's index in the asset.</param>
    /// <param name="Buffer">One of the read's plaintext buffers, holding the block in [0, <paramref name="Size"/>).</param>
    /// <param name="Size">The block's plaintext length.</param>
    /// <param name="Sha256">On the last block of a verified read: sha2-256 of the whole plaintext.</param>
    private readonly record struct PlainBlock(long Index, byte[] Buffer, int Size, byte[]? Sha256);

    /// <summary>What to read: plaintext bytes [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>), non-empty, of the asset.</summary>
    internal sealed record Plan(AssetManifest Manifest, byte[] StorageId, long Start, long Length, bool VerifyDigests)
    {
        public BlockLayout Layout => Manifest.Layout;

        public long First => Start / Layout.BlockSize;

        public long Last => (Start + Length - 1) / Layout.BlockSize;
    }

    /// <summary>Copies <paramref name="plan"/>'s bytes from <paramref name="ciphertext"/> (positioned at block <see cref="Plan.First"/>) to <paramref name="destination"/>.</summary>
    /// <exception cref="AssetIntegrityException">A block failed, or the digests differ; nothing of that block (or of the last block) was written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; both stages have stopped.</exception>
    public static async Task CopyAsync(Plan plan, AesGcm aes, Stream ciphertext, Stream destination, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        // Unbounded in form only: no more than `buffers.Length` items exist, so neither channel ever holds more.
        Channel<byte[]> free = Channel.CreateUnbounded<byte[]>(options);
        Channel<PlainBlock> decrypted = Channel.CreateUnbounded<PlainBlock>(options);
        byte[][] buffers = new byte[(int)Math.Min(Buffers, plan.Last - plan.First + 1)][];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i] = pool.Rent(plan.Layout.BlockSize);
                free.Writer.TryWrite(buffers[i]);
            }
            Task stage1 = Task.Run(() => DecryptAsync(plan, aes, ciphertext, free.Reader, decrypted.Writer, pool, stop.Token), CancellationToken.None);
            try
            {
                await HashAndWriteAsync(plan, decrypted.Reader, free.Writer, destination, stop.Token).ConfigureAwait(false);
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
                    CryptographicOperations.ZeroMemory(buffer.AsSpan(0, plan.Layout.BlockSize));
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
            for (long index = plan.First; index <= plan.Last; index++)
            {
                int size = layout.PlaintextSize(index);
                int sealedSize = size + BlockLayout.TagSize;
                int read = await ciphertext.ReadAtLeastAsync(cipher.AsMemory(0, sealedSize), sealedSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read < sealedSize)
                {
                    throw new AssetIntegrityException($"Block {index} of asset {plan.Manifest.ContentHash} is missing or short in the store ({read} of {sealedSize} bytes).");
                }
                byte[] plain = await free.ReadAsync(cancellationToken).ConfigureAwait(false);
                Decrypt(aes, plan, index, cipher.AsSpan(0, sealedSize), plain.AsSpan(0, size));
                sha256?.AppendData(plain, 0, size);
                decrypted.TryWrite(new PlainBlock(index, plain, size, index == plan.Last ? sha256?.GetHashAndReset() : null));
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
        int blockSize = plan.Layout.BlockSize;
        while (await decrypted.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (decrypted.TryRead(out PlainBlock block))
            {
                cancellationToken.ThrowIfCancellationRequested();
                keccak?.Append(block.Buffer.AsSpan(0, block.Size));
                if (block.Sha256 is not null)
                {
                    CheckDigests(plan.Manifest, keccak!.GetHashAndReset(), block.Sha256); // before the last block leaves: a mismatch leaves the copy incomplete
                }
                long blockStart = block.Index * blockSize;
                int from = (int)Math.Max(0, plan.Start - blockStart);
                int to = (int)Math.Min(block.Size, plan.Start + plan.Length - blockStart);
                await destination.WriteAsync(block.Buffer.AsMemory(from, to - from), cancellationToken).ConfigureAwait(false);
                free.TryWrite(block.Buffer);
            }
        }
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
