using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text.Json;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// Assets encrypted at rest: each asset gets a random AES-256 key, its plaintext is sealed in fixed-size
/// AES-GCM blocks (<see cref="BlockLayout"/>) kept in an <see cref="ICiphertextStore"/>, and its key is kept
/// wrapped by the <see cref="NodeKey"/> in a manifest (one JSON file per asset, named by content hash, in
/// the manifest folder). Reads decrypt block by block into one reused buffer, so memory stays flat
/// whatever the asset's size; each block is authenticated before any of its bytes is written out, and a
/// whole-asset read also checks the keccak-256 content hash and the CID before releasing its last block.
/// </summary>
public sealed class EncryptedAssetStore
{
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    private readonly ICiphertextStore _store;
    private readonly string _manifests;
    private NodeKey _nodeKey;

    /// <summary>Creates the store over <paramref name="store"/>, with manifests in <paramref name="manifestFolder"/>, keys wrapped by <paramref name="nodeKey"/>.</summary>
    public EncryptedAssetStore(ICiphertextStore store, string manifestFolder, NodeKey nodeKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(manifestFolder);
        ArgumentNullException.ThrowIfNull(nodeKey);
        _store = store;
        _manifests = Directory.CreateDirectory(manifestFolder).FullName;
        _nodeKey = nodeKey;
    }

    /// <summary>
    /// Whether a whole-asset read recomputes keccak-256 and sha2-256 and checks them against the manifest
    /// before its last block leaves. Default true. The blocks' GCM tags already authenticate every byte under
    /// a key only this node holds, and the digests were computed from the same plaintext at publishing, so
    /// turning this off trades a second check (keccak-256 is the slowest step of a read) for throughput.
    /// </summary>
    public bool VerifyDigestsOnWholeReads { get; set; } = true;

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> (a stream whose <see cref="Stream.Length"/> is known, e.g. a file)
    /// under a new random key and stores it. Returns its manifest.
    /// </summary>
    /// <param name="plaintext">The asset's bytes, read once from its current position to its end.</param>
    /// <param name="isPublic">Whether anyone may download it without a pass.</param>
    /// <param name="blockSize">Plaintext bytes per block (default 64 KiB).</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="ArgumentException">The stream's length is unknown, or the block size is not positive.</exception>
    /// <exception cref="IOException">The stream ended early or the store failed.</exception>
    public async Task<AssetManifest> AddAsync(Stream plaintext, bool isPublic, int blockSize = BlockLayout.DefaultBlockSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        if (!plaintext.CanSeek)
        {
            throw new ArgumentException("The asset's length must be known before it is encrypted (it is part of every block's associated data): pass a file or another seekable stream.", nameof(plaintext));
        }
        var layout = new BlockLayout(plaintext.Length - plaintext.Position, blockSize);
        byte[] storageId = RandomNumberGenerator.GetBytes(16);
        byte[] key = RandomNumberGenerator.GetBytes(32);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4L * (blockSize + BlockLayout.TagSize), resumeWriterThreshold: 2L * (blockSize + BlockLayout.TagSize)));
        string objectName = HexConvert.Encode(storageId, prefix: false) + ".blocks";
        try
        {
            Task storing = StoreAsync(objectName, pipe.Reader, cancellationToken);
            int segmentSize = KeccakCheckpoints.SegmentSizeFor(blockSize, KeccakSegmentTarget);
            // Written as the plaintext streams by, then named by the content hash once it is known.
            string checkpointsPath = Path.Combine(_manifests, HexConvert.Encode(storageId, prefix: false) + ".keccak.partial");
            (string contentHash, string sha256, string cid) digests;
            try
            {
                await using (Stream checkpoints = segmentSize > 0 ? File.Create(checkpointsPath) : Stream.Null)
                {
                    digests = await EncryptAsync(plaintext, layout, key, storageId, segmentSize, checkpoints, pipe.Writer, cancellationToken).ConfigureAwait(false);
                }
                await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                File.Delete(checkpointsPath);
                await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
                await storing.ConfigureAwait(false);
                throw;
            }
            await storing.ConfigureAwait(false);
            var manifest = new AssetManifest(digests.contentHash, digests.sha256, digests.cid, layout.Length, blockSize,
                HexConvert.Encode(storageId, prefix: false), _nodeKey.Id, HexConvert.Encode(_nodeKey.Wrap(key, storageId), prefix: false), isPublic, segmentSize);
            if (segmentSize > 0)
            {
                File.Move(checkpointsPath, KeccakCheckpoints.PathFor(ManifestPath(manifest.ContentHash)), overwrite: true);
            }
            await WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
            return manifest;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The manifest of the asset whose keccak-256 content hash is <paramref name="contentHash"/>, or null.</summary>
    public async Task<AssetManifest?> FindAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        string path = ManifestPath(contentHash);
        if (!File.Exists(path))
        {
            return null;
        }
        await using FileStream file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<AssetManifest>(file, ManifestJson, cancellationToken).ConfigureAwait(false)
            ?? throw new AssetIntegrityException($"The manifest {path} is empty.");
    }

    /// <summary>
    /// Decrypts plaintext bytes [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>)
    /// of the asset into <paramref name="destination"/>, one authenticated block at a time, in two stages on two
    /// threads (<see cref="BlockReadPipeline"/>: decrypt and sha2-256, then keccak-256 and write), with at most
    /// four plaintext blocks in memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the asset.</exception>
    /// <exception cref="AssetIntegrityException">A block is missing, short or fails authentication, or (whole-asset reads) the content hash or CID differs; nothing of that block was written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the read has stopped and its buffers are wiped.</exception>
    public async Task CopyRangeAsync(AssetManifest manifest, long start, long length, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(destination);
        if (start < 0 || length < 0 || start + length > manifest.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Bytes {start}..{start + length} are not inside the asset's {manifest.Length} bytes.");
        }
        bool whole = start == 0 && length == manifest.Length && VerifyDigestsOnWholeReads;
        byte[] storageId = HexConvert.Decode(manifest.StorageId);
        byte[] key = new byte[32];
        try
        {
            UnwrapKey(manifest, storageId, key);
            using var aes = new AesGcm(key, BlockLayout.TagSize);
            if (length == 0)
            {
                if (whole)
                {
                    BlockReadPipeline.CheckDigests(manifest, Keccak256.Hash([]), SHA256.HashData([]));
                }
                return;
            }
            using KeccakCheckpoints? checkpoints = whole ? KeccakCheckpoints.Open(KeccakCheckpoints.PathFor(ManifestPath(manifest.ContentHash)), manifest) : null;
            var plan = new BlockReadPipeline.Plan(manifest, storageId, start, length, whole, checkpoints);
            Stream ciphertext;
            try
            {
                ciphertext = await _store.OpenReadAsync(manifest.CiphertextName, manifest.Layout.CiphertextOffset(plan.First), cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException e)
            {
                throw new AssetIntegrityException($"The store lost the ciphertext of asset {manifest.ContentHash}.", e);
            }
            await using (ciphertext.ConfigureAwait(false))
            {
                await BlockReadPipeline.CopyAsync(plan, aes, ciphertext, destination, BufferPool, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// About how many plaintext bytes a keccak segment of a new asset spans (<see cref="KeccakCheckpoints.SegmentSizeFor"/>):
    /// 1 MiB, so that a read holds eight segments, 8.5 MiB with 64 KiB blocks. Tests make it small.
    /// </summary>
    internal int KeccakSegmentTarget { get; set; } = 1 << 20;

    /// <summary>Where reads rent their block buffers (returned wiped). The shared pool; tests count on their own.</summary>
    internal ArrayPool<byte> BufferPool { get; set; } = ArrayPool<byte>.Shared;

    /// <summary>
    /// Re-wraps every asset key under <paramref name="next"/> (each manifest rewritten atomically, so an
    /// interrupted rotation can be run again), then uses <paramref name="next"/> from now on. Returns how many
    /// keys were re-wrapped; keys already under <paramref name="next"/> are left alone.
    /// </summary>
    /// <exception cref="AssetIntegrityException">A manifest's key was wrapped by neither the current nor the next node key.</exception>
    public async Task<int> RotateNodeKeyAsync(NodeKey next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        int rewrapped = 0;
        byte[] key = new byte[32];
        try
        {
            foreach (string path in Directory.EnumerateFiles(_manifests, "*.json"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                AssetManifest manifest = await FindAsync(Path.GetFileNameWithoutExtension(path), cancellationToken).ConfigureAwait(false)
                    ?? throw new AssetIntegrityException($"The manifest {path} disappeared during the rotation.");
                if (manifest.KeyId == next.Id)
                {
                    continue;
                }
                byte[] storageId = HexConvert.Decode(manifest.StorageId);
                UnwrapKey(manifest, storageId, key);
                await WriteManifestAsync(manifest with { KeyId = next.Id, WrappedKey = HexConvert.Encode(next.Wrap(key, storageId), prefix: false) }, cancellationToken).ConfigureAwait(false);
                rewrapped++;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        _nodeKey = next;
        return rewrapped;
    }

    private void UnwrapKey(AssetManifest manifest, byte[] storageId, byte[] key)
    {
        if (manifest.KeyId != _nodeKey.Id)
        {
            throw new AssetIntegrityException($"Asset {manifest.ContentHash}'s key is wrapped by node key {manifest.KeyId}, not by this node's key {_nodeKey.Id}.");
        }
        _nodeKey.Unwrap(HexConvert.Decode(manifest.WrappedKey), storageId, key);
    }

    /// <summary>Encrypts and stores the blocks, returning the digests; with <paramref name="segmentSize"/> above zero, writes the keccak state at each segment boundary to <paramref name="checkpoints"/>.</summary>
    private static async Task<(string, string, string)> EncryptAsync(Stream plaintext, BlockLayout layout, byte[] key, byte[] storageId, int segmentSize, Stream checkpoints, PipeWriter output, CancellationToken cancellationToken)
    {
        int blocksPerSegment = segmentSize / layout.BlockSize;
        byte[] state = new byte[Keccak256Sponge.StateSize];
        using var aes = new AesGcm(key, BlockLayout.TagSize);
        using var digests = new ContentDigests();
        byte[] plain = ArrayPool<byte>.Shared.Rent(layout.BlockSize);
        byte[] nonce = new byte[12];
        byte[] associatedData = new byte[32];
        try
        {
            for (long index = 0; index < layout.BlockCount; index++)
            {
                int size = layout.PlaintextSize(index);
                await plaintext.ReadExactlyAsync(plain.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                digests.Append(plain.AsSpan(0, size));
                if (blocksPerSegment > 0 && (index + 1) % blocksPerSegment == 0 && index + 1 < layout.BlockCount)
                {
                    digests.ExportKeccakState(state);
                    await checkpoints.WriteAsync(state, cancellationToken).ConfigureAwait(false);
                }
                BlockLayout.Nonce(index, nonce);
                layout.AssociatedData(storageId, index, associatedData);
                Memory<byte> sealedBlock = output.GetMemory(size + BlockLayout.TagSize)[..(size + BlockLayout.TagSize)];
                aes.Encrypt(nonce, plain.AsSpan(0, size), sealedBlock.Span[..size], sealedBlock.Span[size..], associatedData);
                output.Advance(size + BlockLayout.TagSize);
                FlushResult flushed = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    throw new IOException("The ciphertext store stopped reading before the asset was stored.");
                }
            }
            return digests.Finish();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, layout.BlockSize));
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private async Task StoreAsync(string objectName, PipeReader input, CancellationToken cancellationToken)
    {
        await using Stream stream = input.AsStream();
        await _store.WriteAsync(objectName, stream, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteManifestAsync(AssetManifest manifest, CancellationToken cancellationToken)
    {
        string path = ManifestPath(manifest.ContentHash);
        string temporary = path + ".partial";
        await using (FileStream file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, manifest, ManifestJson, cancellationToken).ConfigureAwait(false);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private string ManifestPath(string contentHash)
    {
        string hex = contentHash.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? contentHash[2..] : contentHash;
        if (hex.Length != 64 || !HexConvert.IsHex("0x" + hex))
        {
            throw new ArgumentException($"'{contentHash}' is not a 32-byte keccak-256 content hash in hex.", nameof(contentHash));
        }
        return Path.Combine(_manifests, hex.ToLowerInvariant() + ".json");
    }
}
