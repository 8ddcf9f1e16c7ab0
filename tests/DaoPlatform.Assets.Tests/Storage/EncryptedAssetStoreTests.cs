using System.Security.Cryptography;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Assets.Tests.Storage;

/// <summary>The encrypted store on a local folder: round trips, ranges, tampering, lost blocks and key rotation.</summary>
public sealed class EncryptedAssetStoreTests
{
    private const int Block = 1024;
    private string _root = null!;
    private NodeKey _nodeKey = null!;
    private EncryptedAssetStore _store = null!;

    [SetUp]
    public void Open()
    {
        _root = Directory.CreateTempSubdirectory("daoplatform-assets-").FullName;
        _nodeKey = NodeKey.FromKey(EthereumKey.Generate());
        _store = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(_root, "blocks")), Path.Combine(_root, "manifests"), _nodeKey);
    }

    [TearDown]
    public void Remove()
    {
        _nodeKey.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<(byte[] Content, AssetManifest Manifest)> AddAsync(int length, bool isPublic = false)
    {
        byte[] content = RandomNumberGenerator.GetBytes(length);
        using var source = new MemoryStream(content);
        return (content, await _store.AddAsync(source, isPublic, Block));
    }

    private async Task<byte[]> ReadAsync(AssetManifest manifest, long start, long length)
    {
        using var output = new MemoryStream();
        await _store.CopyRangeAsync(manifest, start, length, output);
        return output.ToArray();
    }

    private string CiphertextPath(AssetManifest manifest) => Path.Combine(_root, "blocks", manifest.CiphertextName);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(Block)]
    [TestCase((5 * Block) + 17)]
    public async Task Round_trips_and_records_the_registry_hash_and_CID(int length)
    {
        (byte[] content, AssetManifest manifest) = await AddAsync(length);
        Assert.That(await ReadAsync(manifest, 0, length), Is.EqualTo(content));
        Assert.That(manifest.ContentHash, Is.EqualTo(HexConvert.Encode(Keccak256.Hash(content))));
        Assert.That(manifest.Sha256, Is.EqualTo(HexConvert.Encode(SHA256.HashData(content))));
        Assert.That(new FileInfo(CiphertextPath(manifest)).Length, Is.EqualTo(length + (16 * ((length + Block - 1) / Block))));
        if (length >= 64)
        {
            Assert.That(File.ReadAllBytes(CiphertextPath(manifest)).AsSpan().IndexOf(content.AsSpan(0, 64)), Is.EqualTo(-1), "no plaintext at rest");
        }
        Assert.That(await _store.FindAsync(manifest.ContentHash), Is.EqualTo(manifest));
    }

    [Test]
    public async Task The_CID_is_IPFS_s_raw_leaf_CID()
    {
        using var source = new MemoryStream("hello world\n"u8.ToArray());
        AssetManifest manifest = await _store.AddAsync(source, isPublic: true);
        Assert.That(manifest.Cid, Is.EqualTo("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"));
    }

    [TestCase(0, 1)]
    [TestCase(Block - 1, 2)]
    [TestCase(Block, Block)]
    [TestCase(100, (3 * Block) + 5)]
    [TestCase((5 * Block) + 16, 1)]
    public async Task Serves_any_range_from_the_blocks_it_spans(long start, long length)
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((5 * Block) + 17);
        Assert.That(await ReadAsync(manifest, start, length), Is.EqualTo(content.AsSpan((int)start, (int)length).ToArray()));
    }

    [Test]
    public async Task A_tampered_block_is_an_error_and_none_of_its_bytes_is_served()
    {
        (byte[] content, AssetManifest manifest) = await AddAsync(4 * Block);
        byte[] ciphertext = File.ReadAllBytes(CiphertextPath(manifest));
        ciphertext[(2 * (Block + 16)) + 5] ^= 1; // block 2
        File.WriteAllBytes(CiphertextPath(manifest), ciphertext);
        using var output = new MemoryStream();
        var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(manifest, 0, content.Length, output));
        Assert.That(error!.Message, Does.Contain("Block 2"));
        Assert.That(output.ToArray(), Is.EqualTo(content.AsSpan(0, 2 * Block).ToArray()), "blocks 0 and 1 only");
        Assert.That(await ReadAsync(manifest, 3 * Block, Block), Is.EqualTo(content.AsSpan(3 * Block).ToArray()), "other blocks still serve");
    }

    [Test]
    public async Task Swapped_blocks_and_a_block_from_another_asset_fail_authentication()
    {
        (_, AssetManifest manifest) = await AddAsync(3 * Block);
        byte[] ciphertext = File.ReadAllBytes(CiphertextPath(manifest));
        byte[] swapped = [.. ciphertext.AsSpan(Block + 16, Block + 16), .. ciphertext.AsSpan(0, Block + 16), .. ciphertext.AsSpan(2 * (Block + 16))];
        File.WriteAllBytes(CiphertextPath(manifest), swapped);
        await Assert.ThrowsAsync<AssetIntegrityException>(() => ReadAsync(manifest, 0, Block));

        (_, AssetManifest other) = await AddAsync(3 * Block);
        File.Copy(CiphertextPath(other), CiphertextPath(manifest), overwrite: true);
        await Assert.ThrowsAsync<AssetIntegrityException>(() => ReadAsync(manifest, 0, Block));
    }

    [Test]
    public async Task A_lost_block_or_object_is_an_error_naming_it()
    {
        (_, AssetManifest manifest) = await AddAsync(3 * Block);
        using (var file = new FileStream(CiphertextPath(manifest), FileMode.Open))
        {
            file.SetLength((2 * (Block + 16)) + 10);
        }
        var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => ReadAsync(manifest, 0, 3 * Block));
        Assert.That(error!.Message, Does.Contain("Block 2").And.Contain("missing or short"));
        File.Delete(CiphertextPath(manifest));
        Assert.That((await Assert.ThrowsAsync<AssetIntegrityException>(() => ReadAsync(manifest, 0, 1)))!.Message, Does.Contain("lost the ciphertext"));
    }

    private static readonly string OtherDigest = "0x" + new string('1', 64);

    private static IEnumerable<TestCaseData> AlteredIdentities()
    {
        yield return new TestCaseData((Func<AssetManifest, AssetManifest>)(m => m with { ContentHash = OtherDigest })).SetArgDisplayNames("content hash");
        yield return new TestCaseData((Func<AssetManifest, AssetManifest>)(m => m with { Sha256 = OtherDigest })).SetArgDisplayNames("sha2-256");
        yield return new TestCaseData((Func<AssetManifest, AssetManifest>)(m => m with { Cid = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4" })).SetArgDisplayNames("CID");
        yield return new TestCaseData((Func<AssetManifest, AssetManifest>)(m => m with { Length = m.Length - 1 })).SetArgDisplayNames("length");
        yield return new TestCaseData((Func<AssetManifest, AssetManifest>)(m => m with { BlockSize = m.BlockSize * 2 })).SetArgDisplayNames("block size");
        yield return new TestCaseData((Func<AssetManifest, AssetManifest>)(m => m with { Public = !m.Public })).SetArgDisplayNames("visibility");
        yield return new TestCaseData((Func<AssetManifest, AssetManifest>)(m => m with { Sealed = false })).SetArgDisplayNames("unsealed");
    }

    [TestCaseSource(nameof(AlteredIdentities))]
    public async Task A_sealed_manifest_altered_in_its_identity_serves_no_byte_of_any_range(Func<AssetManifest, AssetManifest> alter)
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((2 * Block) + 3);
        Assert.That(manifest.Sealed, Is.True);
        AssetManifest altered = alter(manifest);
        foreach ((long start, long length) in new[] { (0L, altered.Length), (Block + 5L, 10L) })
        {
            using var output = new MemoryStream();
            var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(altered, start, length, output));
            Assert.That(error!.Message, Does.Contain("does not unwrap").Or.Contain("not the CID of its sealed sha2-256"));
            Assert.That(output.Length, Is.Zero, "nothing is written before the key unwraps");
        }
        Assert.That(await ReadAsync(manifest, 0, content.Length), Is.EqualTo(content), "the manifest as written still reads");
    }

    [Test]
    public async Task A_manifest_moved_under_another_content_hash_is_refused_when_found()
    {
        (_, AssetManifest a) = await AddAsync(10);
        (_, AssetManifest b) = await AddAsync(20);
        string manifests = Path.Combine(_root, "manifests");
        File.Copy(Path.Combine(manifests, a.ContentHash[2..] + ".json"), Path.Combine(manifests, b.ContentHash[2..] + ".json"), overwrite: true);
        var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.FindAsync(b.ContentHash));
        Assert.That(error!.Message, Does.Contain("names content hash " + a.ContentHash));
        File.WriteAllText(Path.Combine(manifests, b.ContentHash[2..] + ".json"), "{ not json");
        Assert.That((await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.FindAsync(b.ContentHash)))!.Message, Does.Contain("is not a manifest"));
    }

    [Test]
    public async Task Adding_stored_content_again_returns_its_manifest_and_never_replaces_it()
    {
        (byte[] content, AssetManifest first) = await AddAsync(3 * Block);
        string manifests = Path.Combine(_root, "manifests");
        string manifestText = File.ReadAllText(Path.Combine(manifests, first.ContentHash[2..] + ".json"));
        using (var again = new MemoryStream(content))
        {
            Assert.That(await _store.AddAsync(again, isPublic: false, Block), Is.EqualTo(first), "a publication that stopped before registering runs again");
        }
        using (var asPublic = new MemoryStream(content))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AddAsync(asPublic, isPublic: true, Block));
            Assert.That(refused!.Message, Does.Contain("stored here already as served to pass holders"));
        }
        using NodeKey other = NodeKey.FromKey(EthereumKey.Generate());
        var elsewhere = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(_root, "blocks")), manifests, other);
        using (var withAnotherKey = new MemoryStream(content))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => elsewhere.AddAsync(withAnotherKey, isPublic: false, Block));
            Assert.That(refused!.Message, Does.Contain($"under node key {_nodeKey.Id}, not under this key ({other.Id}): nothing was changed"));
        }
        Assert.That(File.ReadAllText(Path.Combine(manifests, first.ContentHash[2..] + ".json")), Is.EqualTo(manifestText), "the live manifest is untouched");
        Assert.That(Directory.GetFiles(Path.Combine(_root, "blocks")), Is.EqualTo(new[] { CiphertextPath(first) }), "no copy is left behind");
        Assert.That(Directory.GetFiles(manifests, "*.partial"), Is.Empty);
        Assert.That(await ReadAsync(first, 0, content.Length), Is.EqualTo(content));

        // Stored before sealing: adding it again seals it, and the older copy's ciphertext goes.
        AssetManifest older = first.Unsealed(_nodeKey);
        File.WriteAllText(Path.Combine(manifests, first.ContentHash[2..] + ".json"), System.Text.Json.JsonSerializer.Serialize(older));
        using (var reseal = new MemoryStream(content))
        {
            AssetManifest sealedAgain = await _store.AddAsync(reseal, isPublic: false, Block);
            Assert.That(sealedAgain.Sealed, Is.True);
            Assert.That(sealedAgain.StorageId, Is.Not.EqualTo(first.StorageId));
            Assert.That(await _store.FindAsync(first.ContentHash), Is.EqualTo(sealedAgain));
            Assert.That(Directory.GetFiles(Path.Combine(_root, "blocks")), Is.EqualTo(new[] { CiphertextPath(sealedAgain) }));
            Assert.That(await ReadAsync(sealedAgain, 0, content.Length), Is.EqualTo(content));
        }
    }

    [Test]
    public async Task A_read_is_checked_before_it_begins_at_the_block_it_starts_in()
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((3 * Block) + 7);
        await _store.CheckReadableAsync(manifest, 0);
        await _store.CheckReadableAsync(manifest, (3 * Block) + 6);
        byte[] ciphertext = File.ReadAllBytes(CiphertextPath(manifest));
        ciphertext[(2 * (Block + 16)) + 3] ^= 1;
        File.WriteAllBytes(CiphertextPath(manifest), ciphertext);
        await _store.CheckReadableAsync(manifest, Block + 1); // block 1 is sound
        Assert.That((await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CheckReadableAsync(manifest, (2 * Block) + 5)))!.Message, Does.Contain("Block 2"));
        await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CheckReadableAsync(manifest with { Public = true }, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.CheckReadableAsync(manifest, content.Length));
        (_, AssetManifest empty) = await AddAsync(0);
        await _store.CheckReadableAsync(empty, 0);
        await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CheckReadableAsync(empty with { Sha256 = OtherDigest }, 0));
    }

    [Test]
    public async Task An_unsealed_manifest_recomputes_both_digests_and_a_wrong_one_holds_back_the_last_block()
    {
        (byte[] content, AssetManifest manifest) = await AddAsync((2 * Block) + 3);
        AssetManifest older = manifest.Unsealed(_nodeKey);
        Assert.That(await ReadAsync(older, 0, content.Length), Is.EqualTo(content));
        AssetManifest wrong = older with { Cid = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4" };
        using var output = new MemoryStream();
        var error = await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(wrong, 0, content.Length, output));
        Assert.That(error!.Message, Does.Contain("decrypted to content with keccak-256 " + manifest.ContentHash));
        Assert.That(output.Length, Is.EqualTo(2 * Block), "the last block never left");
    }

    [Test]
    public async Task Rotation_rewraps_every_key_and_the_old_node_key_no_longer_opens_them()
    {
        (byte[] first, AssetManifest a) = await AddAsync(Block + 1);
        (byte[] second, AssetManifest b) = await AddAsync(10);
        using NodeKey next = NodeKey.FromKey(EthereumKey.Generate());
        Assert.That(await _store.RotateNodeKeyAsync(next), Is.EqualTo(2));
        AssetManifest rotatedA = (await _store.FindAsync(a.ContentHash))!;
        Assert.That((rotatedA.KeyId, rotatedA.WrappedKey), Is.Not.EqualTo((a.KeyId, a.WrappedKey)));
        Assert.That(rotatedA.Sealed, Is.True, "the new wrap binds the same identity");
        await Assert.ThrowsAsync<AssetIntegrityException>(() => _store.CopyRangeAsync(rotatedA with { Public = !rotatedA.Public }, 0, 1, Stream.Null));
        Assert.That(await ReadAsync(rotatedA, 0, first.Length), Is.EqualTo(first));
        Assert.That(await ReadAsync((await _store.FindAsync(b.ContentHash))!, 0, second.Length), Is.EqualTo(second));
        Assert.That(await _store.RotateNodeKeyAsync(next), Is.EqualTo(0), "a second run finds nothing to do");

        var stale = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(_root, "blocks")), Path.Combine(_root, "manifests"), _nodeKey);
        Assert.That((await Assert.ThrowsAsync<AssetIntegrityException>(() => stale.CopyRangeAsync(rotatedA, 0, 1, Stream.Null)))!.Message, Does.Contain(next.Id));
    }

    [Test]
    public async Task The_node_key_is_kept_in_a_password_keystore()
    {
        EthereumKey secret = EthereumKey.Generate();
        string keystore = DaoPlatform.Ethereum.Keystore.Web3SecretStorage.Encrypt(secret, "correct horse", new DaoPlatform.Ethereum.Keystore.ScryptKeyDerivation(RandomNumberGenerator.GetBytes(32), n: 1024, r: 8, p: 1));
        using NodeKey reopened = NodeKey.FromKeystore(keystore, "correct horse");
        using NodeKey direct = NodeKey.FromKey(secret);
        (byte[] content, AssetManifest manifest) = await AddAsync(10);
        await _store.RotateNodeKeyAsync(reopened);
        var again = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(_root, "blocks")), Path.Combine(_root, "manifests"), direct);
        Assert.That(await ReadAsyncWith(again, (await again.FindAsync(manifest.ContentHash))!, content.Length), Is.EqualTo(content));
        Assert.Throws<DaoPlatform.Ethereum.Keystore.KeystoreException>(() => NodeKey.FromKeystore(keystore, "wrong"));
    }

    private static async Task<byte[]> ReadAsyncWith(EncryptedAssetStore store, AssetManifest manifest, int length)
    {
        using var output = new MemoryStream();
        await store.CopyRangeAsync(manifest, 0, length, output);
        return output.ToArray();
    }
}
