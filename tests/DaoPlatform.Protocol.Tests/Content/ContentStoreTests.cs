using DaoPlatform.Ethereum.IntegrationTests;
using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Protocol.Tests.Content;

/// <summary>The three back ends: round trips, and every corrupt or missing block refused with a clear error.</summary>
public class ContentStoreTests
{
    private const int Chunk = UnixFsImporter.ChunkSize;
    private const long Limit = 64L << 20;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("daoplatform-content-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase(0)]
    [TestCase(1000)]
    [TestCase(Chunk + 1)]
    [TestCase(3 << 20)]
    public async Task LocalStoreRoundTrips(int size)
    {
        var store = new LocalContentStore(_directory, Limit);
        byte[] content = TestContent.Of(size);
        Cid cid = await store.PutAsync(content);
        Assert.That(cid, Is.EqualTo(UnixFsImporter.Import(content).Root));
        Assert.That(await store.HasAsync(cid), Is.True);
        Assert.That(await store.GetAsync(cid), Is.EqualTo(content));
        Assert.That(await store.PutAsync(content), Is.EqualTo(cid), "putting twice is harmless");
    }

    [Test]
    public async Task LocalStoreRefusesACorruptedLeaf()
    {
        var store = new LocalContentStore(_directory, Limit);
        byte[] content = TestContent.Of(2 * Chunk + 5);
        Cid root = await store.PutAsync(content);
        Cid leaf = UnixFsImporter.Import(content).Blocks[1].Cid;
        byte[] bytes = await File.ReadAllBytesAsync(store.Locate(leaf));
        bytes[0] ^= 0x80;
        await File.WriteAllBytesAsync(store.Locate(leaf), bytes);

        ContentVerificationException error = (await Assert.ThrowsAsync<ContentVerificationException>(() => store.GetAsync(root)))!;
        Assert.That(error.Expected, Is.EqualTo(leaf));
        Assert.That(error.Actual, Is.EqualTo(Cid.ForRawBlock(bytes)));
        Assert.That(error.Message, Does.Contain(store.Locate(leaf)));
    }

    [Test]
    public async Task LocalStoreReportsAMissingBlockAndAnOversizedFile()
    {
        var store = new LocalContentStore(_directory, Limit);
        byte[] content = TestContent.Of(2 * Chunk);
        Cid root = await store.PutAsync(content);
        File.Delete(store.Locate(UnixFsImporter.Import(content).Blocks[0].Cid));
        ContentNotFoundException missing = (await Assert.ThrowsAsync<ContentNotFoundException>(() => store.GetAsync(root)))!;
        Assert.That(missing.Cid, Is.EqualTo(UnixFsImporter.Import(content).Blocks[0].Cid));

        var small = new LocalContentStore(_directory, Chunk);
        ContentStoreException tooLarge = (await Assert.ThrowsAsync<ContentStoreException>(() => small.GetAsync(root)))!;
        Assert.That(tooLarge.Message, Does.Contain($"declares {2 * Chunk} bytes; the limit is {Chunk}"));
        Assert.That(await store.HasAsync(Cid.ForRawBlock("absent"u8)), Is.False);
    }

    [TestCase(100)]
    [TestCase(5 * Chunk + 17)]
    public async Task GatewayStoreWalksTheDagBlockByBlock(int size)
    {
        using var server = new FakeIpfsServer();
        byte[] content = TestContent.Of(size);
        UnixFsDag dag = UnixFsImporter.Import(content);
        server.Store(dag);
        using var store = new GatewayContentStore(server.Url, TimeSpan.FromSeconds(10), Limit);
        Assert.That(await store.GetAsync(dag.Root), Is.EqualTo(content));
        Assert.That(await store.HasAsync(dag.Root), Is.True);
        Assert.That(await store.HasAsync(Cid.ForRawBlock("absent"u8)), Is.False);
    }

    [Test]
    public async Task GatewayStoreRefusesACorruptedBlock()
    {
        using var server = new FakeIpfsServer();
        UnixFsDag dag = UnixFsImporter.Import(TestContent.Of(3 * Chunk));
        server.Store(dag);
        server.Corrupt(dag.Blocks[2].Cid);
        using var store = new GatewayContentStore(server.Url, TimeSpan.FromSeconds(10), Limit);

        ContentVerificationException error = (await Assert.ThrowsAsync<ContentVerificationException>(() => store.GetAsync(dag.Root)))!;
        Assert.That(error.Expected, Is.EqualTo(dag.Blocks[2].Cid));
        Assert.That(error.Message, Does.Contain(dag.Blocks[2].Cid.ToString()).And.Contain(error.Actual.ToString()).And.Contain(server.Url.Authority));
    }

    [Test]
    public async Task GatewayStoreRefusesACorruptedRootAndIsReadOnly()
    {
        using var server = new FakeIpfsServer();
        UnixFsDag dag = UnixFsImporter.Import(TestContent.Of(10));
        server.Store(dag);
        server.Corrupt(dag.Root);
        using var store = new GatewayContentStore(server.Url, TimeSpan.FromSeconds(10), Limit);
        await Assert.ThrowsAsync<ContentVerificationException>(() => store.GetAsync(dag.Root));
        await Assert.ThrowsAsync<NotSupportedException>(() => store.PutAsync(new byte[1]));
    }

    [Test]
    public async Task KuboStoreRoundTripsAndRefusesACorruptedBlock()
    {
        using var server = new FakeIpfsServer();
        using var store = new KuboContentStore(server.Url, TimeSpan.FromSeconds(10), Limit);
        byte[] content = TestContent.Of(4 * Chunk + 3);
        Cid root = await store.PutAsync(content);
        Assert.That(root, Is.EqualTo(UnixFsImporter.Import(content).Root));
        Assert.That(await store.HasAsync(root), Is.True);
        Assert.That(await store.GetAsync(root), Is.EqualTo(content));

        Cid leaf = UnixFsImporter.Import(content).Blocks[3].Cid;
        server.Corrupt(leaf);
        ContentVerificationException error = (await Assert.ThrowsAsync<ContentVerificationException>(() => store.GetAsync(root)))!;
        Assert.That(error.Expected, Is.EqualTo(leaf));

        server.Remove(root);
        Assert.That(await store.HasAsync(root), Is.False);
        await Assert.ThrowsAsync<ContentNotFoundException>(() => store.GetAsync(root));
    }

    [Test]
    public async Task KuboStoreRefusesANodeThatNamesTheContentOtherwise()
    {
        using var server = new FakeIpfsServer { AddAnswerOverride = Cid.ForRawBlock("other"u8).ToString() };
        using var store = new KuboContentStore(server.Url, TimeSpan.FromSeconds(10), Limit);
        ContentStoreException error = (await Assert.ThrowsAsync<ContentStoreException>(() => store.PutAsync(TestContent.Of(50))))!;
        Assert.That(error.Message, Does.Contain(server.AddAnswerOverride).And.Contain(Cid.ForRawBlock(TestContent.Of(50)).ToString()));
    }

    [Test]
    public async Task AnUnreachableBackEndIsAClearError()
    {
        using var store = new GatewayContentStore(new Uri($"http://127.0.0.1:{Devnet.FreePort()}/"), TimeSpan.FromSeconds(5), Limit);
        ContentStoreException error = (await Assert.ThrowsAsync<ContentStoreException>(() => store.GetAsync(Cid.ForRawBlock("x"u8))))!;
        Assert.That(error.Message, Does.StartWith("IPFS gateway http://127.0.0.1:"));
    }
}
