using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Assets.Tests.Storage;

/// <summary>
/// The two-stage read (decrypt on one thread, hash and write on the other) when something fails: a bad block while
/// the writer lags, a destination that fails, a cancelled read. Every test counts the buffers the read rented and
/// checks that each came back wiped and that the ciphertext stream was closed.
/// </summary>
public sealed class BlockReadPipelineTests
{
    private const int Block = 1024;
    private string _root = null!;
    private NodeKey _nodeKey = null!;
    private RecordingStore _ciphertexts = null!;
    private CountingPool _pool = null!;
    private EncryptedAssetStore _store = null!;

    [SetUp]
    public void Open()
    {
        _root = Directory.CreateTempSubdirectory("daoplatform-pipeline-").FullName;
        _nodeKey = NodeKey.FromKey(EthereumKey.Generate());
        _ciphertexts = new RecordingStore(new LocalFolderStore(Path.Combine(_root, "blocks")));
        _pool = new CountingPool();
        // Keccak segments of 17 blocks (the least common multiple of 1 KiB and the 136-byte rate), so that these small
        // assets span several segments and groups of four; whole reads recompute both digests, the pipeline's longest path.
        _store = new EncryptedAssetStore(_ciphertexts, Path.Combine(_root, "manifests"), _nodeKey) { BufferPool = _pool, KeccakSegmentTarget = 0, RecomputeDigestsOnWholeReads = true };
    }

    [TearDown]
    public void Remove()
    {
        _nodeKey.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<(byte[] Content, AssetManifest Manifest)> AddAsync(int length)
    {
        byte[] content = RandomNumberGenerator.GetBytes(length);
        using var source = new MemoryStream(content);
        return (content, await _store.AddAsync(source, isPublic: false, Block));
    }

    private void TamperWith(AssetManifest manifest, int block)
    {
        string path = Path.Combine(_root, "blocks", manifest.CiphertextName);
        byte[] ciphertext = File.ReadAllBytes(path);
        ciphertext[(block * (Block + 16)) + 7] ^= 1;
        File.WriteAllBytes(path, ciphertext);
    }

    /// <summary>Every rented buffer came back, none holding a run of the plaintext, and every ciphertext stream is closed.</summary>
    private void AssertReleased(byte[] content)
    {
        Assert.That(_pool.Outstanding, Is.Zero, "every buffer returned");
        Assert.That(_pool.Rented, Is.GreaterThan(0));
        foreach (byte[] buffer in _pool.Returned)
        {
            for (int offset = 0; offset + 32 <= content.Length; offset += 32)
            {
                Assert.That(buffer.AsSpan().IndexOf(content.AsSpan(offset, 32)), Is.EqualTo(-1), "no plaintext left in a returned buffer");
            }
        }
        Assert.That(_ciphertexts.Opened, Is.Not.Empty);
        Assert.That(_ciphertexts.Opened.All(static s => !s.CanRead), "the ciphertext stream is closed");
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(9)]
    public async Task A_block_that_fails_while_the_writer_lags_sends_exactly_the_blocks_before_it(int tampered)
    {
        (byte[] content, AssetManifest manifest) = await AddAsync(12 * Block);
        TamperWith(manifest, tampered);
        // The first write waits, so decryption runs ahead and meets the bad block while block 0 is still being written.
        var output = new GatedStream(onWrite: static count => count == 1 ? Task.Delay(200) : Task.CompletedTask);
        var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(manifest, 0, content.Length, output));
        Assert.That(error!.Message, Does.Contain($"Block {tampered} "));
        Assert.That(output.Received, Is.EqualTo(content[..(tampered * Block)]), "the authenticated blocks before it, then nothing");
        AssertReleased(content);
    }

    [Test]
    public async Task A_block_lost_from_a_range_read_stops_before_it()
    {
        (byte[] content, AssetManifest manifest) = await AddAsync(8 * Block);
        using (var file = new FileStream(Path.Combine(_root, "blocks", manifest.CiphertextName), FileMode.Open))
        {
            file.SetLength(6 * (Block + 16));
        }
        var output = new GatedStream(onWrite: static _ => Task.Delay(20));
        var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(manifest, Block + 100, 6 * Block, output));
        Assert.That(error!.Message, Does.Contain("Block 6").And.Contain("missing or short"));
        Assert.That(output.Received, Is.EqualTo(content[(Block + 100)..(6 * Block)]));
        AssertReleased(content);
    }

    [Test]
    public async Task A_digest_mismatch_holds_back_the_last_block_of_a_long_read()
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((20 * Block) + 5);
        // Unsealed (a sealed manifest with another CID would not unwrap at all), so that only the recomputed digests catch it.
        AssetManifest wrong = manifest.Unsealed(_nodeKey) with { Cid = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4" };
        var output = new GatedStream(onWrite: static _ => Task.CompletedTask);
        await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(wrong, 0, content.Length, output));
        Assert.That(output.Received, Is.EqualTo(content[..(20 * Block)]), "all but the last block");
        AssertReleased(content);
    }

    [Test]
    public async Task Cancelling_mid_stream_stops_both_stages_and_wipes_the_buffers()
    {
        // More than the eight segments' buffers a read holds, so that decryption must wait for the writer.
        (byte[] content, AssetManifest manifest) = await AddAsync(200 * Block);
        using var cancel = new CancellationTokenSource();
        var output = new GatedStream(onWrite: count =>
        {
            if (count == 2)
            {
                cancel.Cancel();
            }
            return Task.CompletedTask;
        });
        await Assert.CatchAsync<OperationCanceledException>(() => _store.CopyRangeAsync(manifest, 0, content.Length, output, cancel.Token));
        Assert.That(output.Received, Is.EqualTo(content[..(2 * Block)]), "nothing after the cancellation");
        Assert.That(_ciphertexts.BytesRead, Is.LessThan(content.Length), "decryption stopped early");
        AssertReleased(content);
    }

    [Test]
    public async Task A_destination_that_fails_stops_decryption_and_its_error_is_the_one_thrown()
    {
        (byte[] content, AssetManifest manifest) = await AddAsync(200 * Block);
        var output = new GatedStream(onWrite: static count => count == 3 ? Task.FromException(new IOException("client went away")) : Task.CompletedTask);
        var error = await Assert.ThrowsAsync<IOException>(() => _store.CopyRangeAsync(manifest, 0, content.Length, output));
        Assert.That(error!.Message, Is.EqualTo("client went away"));
        Assert.That(_ciphertexts.BytesRead, Is.LessThan(content.Length), "decryption stopped early");
        AssertReleased(content);
    }

    [Test]
    public async Task Concurrent_reads_of_one_asset_each_get_every_byte()
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((40 * Block) + 3);
        var outputs = Enumerable.Range(0, 4).Select(static _ => new GatedStream(onWrite: static async _ => await Task.Yield())).ToArray();
        await Task.WhenAll(outputs.Select(o => Task.Run(() => _store.CopyRangeAsync(manifest, 0, content.Length, o))));
        Assert.That(outputs.Select(static o => o.Received), Is.All.EqualTo(content));
        AssertReleased(content);
    }

    [TestCase(17 * Block)] // one whole segment, finished from the zero state
    [TestCase((17 * Block) + 1)] // a second segment of one byte
    [TestCase(4 * 17 * Block)] // four whole segments: three chained, the last finished
    [TestCase((5 * 17 * Block) + 300)] // a group of four, then a whole segment and a short one
    [TestCase((9 * 17 * Block) - 7)] // two groups of four, then a short segment
    public async Task A_whole_read_checks_the_content_hash_by_segments_and_sends_every_byte(int length)
    {
        (byte[] content, AssetManifest manifest) = await AddAsync(length);
        Assert.That(manifest.KeccakSegmentSize, Is.EqualTo(17 * Block));
        string checkpoints = Path.Combine(_root, "manifests", manifest.ContentHash[2..] + ".keccak");
        Assert.That(new FileInfo(checkpoints).Length, Is.EqualTo(((length + (17 * Block) - 1) / (17 * Block) - 1) * 200), "a state before each segment but the first");
        var output = new GatedStream(onWrite: static _ => Task.CompletedTask);
        await _store.CopyRangeAsync(manifest, 0, content.Length, output);
        Assert.That(output.Received, Is.EqualTo(content));
        AssertReleased(content);
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(7)]
    public async Task A_damaged_checkpoint_file_is_set_aside_and_one_altered_to_match_the_manifest_fails_before_the_last_block(int state)
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((9 * 17 * Block) + 11);
        string checkpoints = Path.Combine(_root, "manifests", manifest.ContentHash[2..] + ".keccak");
        Assert.That(manifest.KeccakCheckpointsSha256, Is.EqualTo(HexConvert.Encode(SHA256.HashData(File.ReadAllBytes(checkpoints)))));
        byte[] states = File.ReadAllBytes(checkpoints);
        states[(state * 200) + 13] ^= 0x40;
        File.WriteAllBytes(checkpoints, states);

        // Damaged (it no longer hashes as written): the read hashes in one stream and serves every byte.
        var output = new GatedStream(onWrite: static _ => Task.CompletedTask);
        await _store.CopyRangeAsync(manifest, 0, content.Length, output);
        Assert.That(output.Received, Is.EqualTo(content));

        // Altered along with the manifest's record of it: the states themselves are checked, and the read fails.
        AssetManifest altered = manifest with { KeccakCheckpointsSha256 = HexConvert.Encode(SHA256.HashData(states)) };
        output = new GatedStream(onWrite: static _ => Task.CompletedTask);
        var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(altered, 0, content.Length, output));
        Assert.That(error!.Message, Does.Contain("checkpoint file was altered"));
        Assert.That(output.Received.Length, Is.LessThan(content.Length), "the last block is held back");
        Assert.That(output.Received, Is.EqualTo(content[..output.Received.Length]));
        AssertReleased(content);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Without_its_checkpoints_an_asset_is_checked_in_one_stream(bool truncated)
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((6 * 17 * Block) + 5);
        string checkpoints = Path.Combine(_root, "manifests", manifest.ContentHash[2..] + ".keccak");
        if (truncated)
        {
            File.WriteAllBytes(checkpoints, File.ReadAllBytes(checkpoints)[..^200]);
        }
        else
        {
            File.Delete(checkpoints);
        }
        var output = new GatedStream(onWrite: static _ => Task.CompletedTask);
        await _store.CopyRangeAsync(manifest, 0, content.Length, output);
        Assert.That(output.Received, Is.EqualTo(content));

        // A manifest from before checkpoints and sealing reads the same way, and a wrong hash is still caught.
        AssetManifest older = manifest.Unsealed(_nodeKey) with { KeccakSegmentSize = 0 };
        output = new GatedStream(onWrite: static _ => Task.CompletedTask);
        await _store.CopyRangeAsync(older, 0, content.Length, output);
        Assert.That(output.Received, Is.EqualTo(content));
        AssetManifest wrong = older with { ContentHash = "0x" + new string('1', 64) };
        await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(wrong, 0, content.Length, new GatedStream(onWrite: static _ => Task.CompletedTask)));
        AssertReleased(content);
    }

    /// <summary>A destination that records what it received and runs <c>onWrite(n)</c> before keeping the n-th write.</summary>
    private sealed class GatedStream(Func<int, Task> onWrite) : Stream
    {
        private readonly MemoryStream _received = new();
        private int _writes;

        public byte[] Received => _received.ToArray();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await onWrite(++_writes);
            _received.Write(buffer.Span);
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The read writes asynchronously.");

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Hands out fresh arrays and keeps what comes back, so a test can see that every buffer returned and what it held.</summary>
    private sealed class CountingPool : ArrayPool<byte>
    {
        private int _rented;
        private int _outstanding;

        public ConcurrentBag<byte[]> Returned { get; } = [];

        public int Rented => _rented;

        public int Outstanding => _outstanding;

        public override byte[] Rent(int minimumLength)
        {
            Interlocked.Increment(ref _rented);
            Interlocked.Increment(ref _outstanding);
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
            Interlocked.Decrement(ref _outstanding);
            Returned.Add(array);
        }
    }

    /// <summary>The local folder store, keeping each stream it opens and counting the bytes read through them.</summary>
    private sealed class RecordingStore(ICiphertextStore inner) : ICiphertextStore
    {
        private long _bytesRead;

        public ConcurrentBag<Stream> Opened { get; } = [];

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public Task WriteAsync(string name, Stream content, CancellationToken cancellationToken) => inner.WriteAsync(name, content, cancellationToken);

        public async Task<Stream> OpenReadAsync(string name, long offset, CancellationToken cancellationToken)
        {
            Stream stream = new CountingReadStream(await inner.OpenReadAsync(name, offset, cancellationToken), this);
            Opened.Add(stream);
            return stream;
        }

        public Task<long?> LengthAsync(string name, CancellationToken cancellationToken) => inner.LengthAsync(name, cancellationToken);

        public Task DeleteAsync(string name, CancellationToken cancellationToken) => inner.DeleteAsync(name, cancellationToken);

        private sealed class CountingReadStream(Stream file, RecordingStore owner) : Stream
        {
            private bool _closed;

            public override bool CanRead => !_closed;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                int read = await file.ReadAsync(buffer, cancellationToken);
                Interlocked.Add(ref owner._bytesRead, read);
                return read;
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The read reads asynchronously.");

            public override async ValueTask DisposeAsync()
            {
                _closed = true;
                await file.DisposeAsync();
                await base.DisposeAsync();
            }

            protected override void Dispose(bool disposing)
            {
                _closed = true;
                if (disposing)
                {
                    file.Dispose();
                }
                base.Dispose(disposing);
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
