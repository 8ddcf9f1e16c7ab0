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
/// the manifest folder) and bound to the manifest's digests, length and visibility (<see cref="AssetManifest.Sealed"/>).
/// Reads decrypt block by block into a few reused buffers, so memory stays flat whatever the asset's size; each block
/// is authenticated before any of its bytes is written out, and a whole-asset read can also recompute the keccak-256
/// content hash and the CID before releasing its last block (<see cref="RecomputeDigestsOnWholeReads"/>).
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
    /// Whether a whole-asset read of a <see cref="AssetManifest.Sealed"/> asset also recomputes keccak-256 and sha2-256
    /// and checks them before its last block leaves. Default false: every read of a sealed asset is already verified
    /// against both digests, because the asset key unwraps only under the manifest's digests (computed from the
    /// plaintext at publishing) and every block's GCM tag, under that key, binds its bytes, index and the asset's length.
    /// Recomputing adds a check that holds even against someone holding the node key, at about half the read's rate
    /// (docs/assets.md). Whole reads of an unsealed (older) asset always recompute.
    /// </summary>
    public bool RecomputeDigestsOnWholeReads { get; set; }

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
    /// <exception cref="InvalidOperationException">The same content is stored already with the other visibility or under another node key (nothing is changed).
    /// Stored already as asked and sealed, its manifest is returned and the new copy dropped; stored unsealed (before sealing), the new sealed copy replaces it.</exception>
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
        // Written as the plaintext streams by, then named by the content hash once it is known.
        string checkpointsPath = Path.Combine(_manifests, HexConvert.Encode(storageId, prefix: false) + ".keccak.partial");
        try
        {
            Task storing = StoreAsync(objectName, pipe.Reader, cancellationToken);
            int segmentSize = KeccakCheckpoints.SegmentSizeFor(blockSize, KeccakSegmentTarget);
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
            AssetManifest? existing;
            try
            {
                existing = await ExistingAsync(digests.contentHash, isPublic, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                await DropCopyAsync().ConfigureAwait(false);
                throw;
            }
            if (existing is { Sealed: true })
            {
                // The same content is stored already: the copy just written is dropped, the live manifest is left alone.
                await DropCopyAsync().ConfigureAwait(false);
                return existing;
            }
            string? checkpointsSha256 = null;
            if (segmentSize > 0)
            {
                await using FileStream written = File.OpenRead(checkpointsPath);
                checkpointsSha256 = HexConvert.Encode(await SHA256.HashDataAsync(written, cancellationToken).ConfigureAwait(false));
            }
            var manifest = new AssetManifest(digests.contentHash, digests.sha256, digests.cid, layout.Length, blockSize,
                HexConvert.Encode(storageId, prefix: false), _nodeKey.Id, WrappedKey: "", isPublic, segmentSize, Sealed: true, checkpointsSha256);
            manifest = manifest with { WrappedKey = HexConvert.Encode(_nodeKey.Wrap(key, manifest.KeyBinding()), prefix: false) };
            if (segmentSize > 0)
            {
                File.Move(checkpointsPath, KeccakCheckpoints.PathFor(ManifestPath(manifest.ContentHash)), overwrite: true);
            }
            await WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                // An older, unsealed copy of the same content under this key is now replaced by a sealed one.
                await _store.DeleteAsync(existing.CiphertextName, CancellationToken.None).ConfigureAwait(false);
            }
            return manifest;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        Task DropCopyAsync()
        {
            File.Delete(checkpointsPath);
            return _store.DeleteAsync(objectName, CancellationToken.None);
        }
    }

    /// <summary>The manifest of the asset whose keccak-256 content hash is <paramref name="contentHash"/>, or null.</summary>
    /// <exception cref="AssetIntegrityException">The manifest file is empty, not a manifest, malformed in a field, or names another content hash (the message names the asset, never the server's paths).</exception>
    public async Task<AssetManifest?> FindAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        string path = ManifestPath(contentHash);
        if (!File.Exists(path))
        {
            return null;
        }
        AssetManifest? manifest;
        await using (FileStream file = File.OpenRead(path))
        {
            try
            {
                manifest = await JsonSerializer.DeserializeAsync<AssetManifest>(file, ManifestJson, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new AssetIntegrityException($"The manifest of asset {contentHash} is not a manifest: {e.Message}", e);
            }
        }
        if (manifest is null)
        {
            throw new AssetIntegrityException($"The manifest of asset {contentHash} is empty.");
        }
        manifest.ThrowIfMalformed(contentHash);
        if (ManifestPath(manifest.ContentHash) != path)
        {
            throw new AssetIntegrityException($"The manifest of asset {contentHash} names content hash {manifest.ContentHash}: it was moved or altered.");
        }
        return manifest;
    }

    /// <summary>
    /// Checks, before anything is charged or sent, that a read of the asset from plaintext byte <paramref name="start"/> can
    /// begin: the key unwraps under the manifest (for a sealed manifest, its identity is the one sealed at publishing),
    /// and the block holding <paramref name="start"/> is in the store and authenticates. A block further on can still
    /// fail during the read (<see cref="CopyRangeAsync"/> stops before it).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is not inside the asset (an empty asset has no block to check: nothing is read).</exception>
    /// <exception cref="AssetIntegrityException">The key does not unwrap, or the block is missing, short or fails authentication.</exception>
    public async Task CheckReadableAsync(AssetManifest manifest, long start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (start < 0 || (start >= manifest.Length && manifest.Length > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Byte {start} is not inside the asset's {manifest.Length} bytes.");
        }
        if (manifest.Length == 0)
        {
            byte[] key = new byte[32];
            UnwrapKey(manifest, key);
            CryptographicOperations.ZeroMemory(key);
            return;
        }
        // The read path itself on the one block: same unwrap, layout, authentication and errors; its plaintext is wiped.
        long blockStart = start / manifest.BlockSize * manifest.BlockSize;
        await CopyRangeAsync(manifest, blockStart, Math.Min(manifest.BlockSize, manifest.Length - blockStart), Stream.Null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decrypts plaintext bytes [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>)
    /// of the asset into <paramref name="destination"/>, one authenticated block at a time, in two stages on two
    /// threads (<see cref="BlockReadPipeline"/>: decrypt, then write; when the digests are recomputed, sha2-256 in the
    /// first and keccak-256 in the second), with a few plaintext blocks in memory whatever the asset's size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the asset.</exception>
    /// <exception cref="AssetIntegrityException">The key does not unwrap under the manifest (another node key, or for a sealed
    /// manifest an altered content hash, CID, length, block size or visibility: nothing is written), a block is missing,
    /// short or fails authentication (nothing of it is written), or recomputed digests differ (the last block is not written).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the read has stopped and its buffers are wiped.</exception>
    public async Task CopyRangeAsync(AssetManifest manifest, long start, long length, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(destination);
        if (start < 0 || length < 0 || start + length > manifest.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Bytes {start}..{start + length} are not inside the asset's {manifest.Length} bytes.");
        }
        bool recompute = start == 0 && length == manifest.Length && (RecomputeDigestsOnWholeReads || !manifest.Sealed);
        byte[] key = new byte[32];
        try
        {
            UnwrapKey(manifest, key);
            byte[] storageId = HexConvert.Decode(manifest.StorageId);
            using var aes = new AesGcm(key, BlockLayout.TagSize);
            if (length == 0)
            {
                if (recompute)
                {
                    BlockReadPipeline.CheckDigests(manifest, Keccak256.Hash([]), SHA256.HashData([]));
                }
                return;
            }
            using KeccakCheckpoints? checkpoints = recompute ? KeccakCheckpoints.Open(KeccakCheckpoints.PathFor(ManifestPath(manifest.ContentHash)), manifest) : null;
            var plan = new BlockReadPipeline.Plan(manifest, storageId, start, length, recompute, checkpoints);
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
    /// The manifest already stored for <paramref name="contentHash"/> with the same visibility under this node's key (a
    /// sealed one is this add's result; an unsealed one is replaced by the new, sealed manifest); null when there is none
    /// or it is unreadable (the new one replaces it).
    /// </summary>
    /// <exception cref="InvalidOperationException">It is stored already with the other visibility, or under another node key.</exception>
    private async Task<AssetManifest?> ExistingAsync(string contentHash, bool isPublic, CancellationToken cancellationToken)
    {
        AssetManifest? existing;
        try
        {
            existing = await FindAsync(contentHash, cancellationToken).ConfigureAwait(false);
        }
        catch (AssetIntegrityException)
        {
            return null;
        }
        if (existing is null)
        {
            return null;
        }
        if (existing.KeyId != _nodeKey.Id)
        {
            throw new InvalidOperationException(
                $"Asset {contentHash} is stored here already under node key {existing.KeyId}, not under this key ({_nodeKey.Id}): nothing was changed. Publish with the content service's node key.");
        }
        if (existing.Public != isPublic)
        {
            throw new InvalidOperationException(
                $"Asset {contentHash} is stored here already as {(existing.Public ? "public" : "served to pass holders")}: nothing was changed.");
        }
        return existing;
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
                UnwrapKey(manifest, key);
                await WriteManifestAsync(manifest with { KeyId = next.Id, WrappedKey = HexConvert.Encode(next.Wrap(key, manifest.KeyBinding()), prefix: false) }, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Unwraps the asset's key into <paramref name="key"/>; for a sealed manifest this also proves its digests, length, block size and visibility, and its CID is checked against its sha2-256.</summary>
    private void UnwrapKey(AssetManifest manifest, byte[] key)
    {
        if (manifest.KeyId != _nodeKey.Id)
        {
            throw new AssetIntegrityException($"Asset {manifest.ContentHash}'s key is wrapped by node key {manifest.KeyId}, not by this node's key {_nodeKey.Id}.");
        }
        manifest.ThrowIfMalformed(manifest.ContentHash);
        byte[] binding = manifest.KeyBinding();
        _nodeKey.Unwrap(HexConvert.Decode(manifest.WrappedKey), binding, key);
        if (manifest.Sealed && ContentDigests.RawSha256Cid(binding.AsSpan(48, 32)) != manifest.Cid)
        {
            throw new AssetIntegrityException($"The manifest of asset {manifest.ContentHash} names CID {manifest.Cid}, not the CID of its sealed sha2-256 ({ContentDigests.RawSha256Cid(binding.AsSpan(48, 32))}).");
        }
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
