using DaoPlatform.Ethereum.IntegrationTests;
using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Protocol.Tests.Content;

/// <summary>
/// CIDs against a real IPFS implementation: ipfs-unixfs-importer (the importer of Helia and ipfs-car)
/// run by node on unixfs-cid.mjs with the options of <c>ipfs add --cid-version 1</c>.
/// </summary>
public class UnixFsImporterTests
{
    private const int Chunk = UnixFsImporter.ChunkSize;

    /// <summary>Empty, one byte, around one chunk, 3 MiB, and one byte past a full 174-link node (a second DAG level).</summary>
    private static readonly int[] Sizes = [0, 1, Chunk - 1, Chunk, Chunk + 1, 3 << 20, UnixFsImporter.MaxLinksPerNode * Chunk + 1];

    [Test]
    public void CidsMatchTheJsIpfsImporter()
    {
        string directory = Directory.CreateTempSubdirectory("daoplatform-unixfs-").FullName;
        try
        {
            var files = new List<string>();
            var expected = new List<string>();
            foreach (int size in Sizes)
            {
                byte[] content = TestContent.Of(size);
                string file = Path.Combine(directory, $"{size}.bin");
                File.WriteAllBytes(file, content);
                files.Add(file);
                expected.Add(UnixFsImporter.Import(content).Root.ToString());
            }
            string script = Path.Combine(Repository.Root, "tests", "DaoPlatform.Protocol.Tests", "Content", "unixfs-cid.mjs");
            string[] actual = Repository.RunBash($"node {Quote(script)} {string.Join(' ', files.Select(Quote))}", timeout: TimeSpan.FromMinutes(2))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.That(actual, Is.EqualTo(expected), "sizes: " + string.Join(", ", Sizes));
            Assert.That(actual[0], Does.StartWith("bafkrei"), "empty content is one raw block");
            Assert.That(actual[3], Does.StartWith("bafkrei"), "one full chunk is one raw block");
            Assert.That(actual[4], Does.StartWith("bafybei"), "past one chunk, a dag-pb root");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void PastOneFullNodeTheDagHasTwoLevels()
    {
        UnixFsDag dag = UnixFsImporter.Import(TestContent.Of(UnixFsImporter.MaxLinksPerNode * Chunk + 1));
        DagPbNode root = DagPbNode.Decode(dag.Blocks[^1].Bytes.Span);
        Assert.That(root.Links.Select(l => l.Cid.Codec), Is.EqualTo(new[] { ContentCodec.DagPb, ContentCodec.DagPb }));
        Assert.That(UnixFsData.Decode(root.Data).BlockSizes, Is.EqualTo(new ulong[] { UnixFsImporter.MaxLinksPerNode * (ulong)Chunk, 1 }));
        Assert.That(dag.Blocks, Has.Count.EqualTo(UnixFsImporter.MaxLinksPerNode + 1 + 2 + 1));
    }

    [Test]
    public void NodesDecodeToWhatWasEncoded()
    {
        UnixFsDag dag = UnixFsImporter.Import(TestContent.Of(3 * Chunk));
        byte[] block = dag.Blocks[^1].Bytes.ToArray();
        DagPbNode node = DagPbNode.Decode(block);
        Assert.That(node.Encode(), Is.EqualTo(block));
        UnixFsData data = UnixFsData.Decode(node.Data);
        Assert.That(data.Type, Is.EqualTo(UnixFsType.File));
        Assert.That(data.FileSize, Is.EqualTo(3UL * Chunk));
        Assert.That(data.BlockSizes, Is.EqualTo(new ulong[] { Chunk, Chunk, Chunk }));
        Assert.That(node.Links.Select(l => (l.Name, l.TotalSize)), Is.All.EqualTo((string.Empty, (ulong?)Chunk)));
    }

    [TestCase(new byte[] { 0x0a, 0x00, 0x12, 0x00 }, "field 2 (wire type 2) at offset 2 is unexpected")]
    [TestCase(new byte[] { 0x12, 0x05, 0x0a }, "length 5 at offset 1 runs past the end")]
    [TestCase(new byte[] { 0x1a, 0x00 }, "field 3 (wire type 2) at offset 0 is unexpected")]
    [TestCase(new byte[] { 0x12, 0x02, 0x18, 0x01 }, "the link has no Hash")]
    public void MalformedDagPbIsRefusedNamingTheOffset(byte[] block, string reason)
    {
        FormatException error = Assert.Throws<FormatException>(() => DagPbNode.Decode(block))!;
        Assert.That(error.Message, Does.Contain(reason));
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
