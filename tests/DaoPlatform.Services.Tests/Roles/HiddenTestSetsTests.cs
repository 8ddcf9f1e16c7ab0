using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.TestSets;
using DaoPlatform.Services.Roles.Submitter;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Tests.Roles;

/// <summary>The submitter's test sets live in the content store: files are put there, CIDs read from there, reveals read from there.</summary>
public sealed class HiddenTestSetsTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("daoplatform-hidden-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static byte[] Dqd1File(byte seed) =>
        Dqd1.Write(new Dataset(2, [1, 0, seed, 1], [1, 2, 3, 4, 5, 6, 7, (sbyte)seed]));

    private (HiddenTestSets Sets, LocalContentStore Store) Open(SubmitterOptions options)
    {
        var store = new LocalContentStore(Path.Combine(_folder, "content"), 1 << 20);
        return (new HiddenTestSets(Options.Create(options), store, NullLogger<HiddenTestSets>.Instance), store);
    }

    [Test]
    public async Task A_listed_file_is_put_into_the_store_and_revealed_from_there()
    {
        string path = Path.Combine(_folder, "hidden.dqd1");
        byte[] file = Dqd1File(2);
        File.WriteAllBytes(path, file);
        var options = new SubmitterOptions();
        options.TestSets.Add(path);
        var (sets, store) = Open(options);
        using (sets)
        {
            byte[] root = TestSetContent.Parse(path, file).Tree.Root;
            Cid cid = UnixFsImporter.Import(file).Root;

            (HiddenTestSet? found, string? failure) = await sets.FindAsync(root, CancellationToken.None);

            Assert.That(failure, Is.Null);
            Assert.That(found!.Cid, Is.EqualTo(cid), "the submitter's record points at the CID");
            Assert.That(await store.GetAsync(cid), Is.EqualTo(file), "the store holds the file");
            File.Delete(path);
            (found, failure) = await sets.FindAsync(root, CancellationToken.None);
            Assert.That(found!.Records, Is.EqualTo(file[Dqd1.HeaderLength..]), "read from the store, not the (deleted) file");

            byte[] altered = [.. file];
            altered[^1] ^= 1;
            await File.WriteAllBytesAsync(store.Locate(cid), altered);
            (found, failure) = await sets.FindAsync(root, CancellationToken.None);
            Assert.That(found, Is.Null, "an altered test set is not revealed");
            Assert.That(failure, Does.Contain(cid.ToString()).And.Contain("altered"));

            File.Delete(store.Locate(cid));
            (found, failure) = await sets.FindAsync(root, CancellationToken.None);
            Assert.That(found, Is.Null, "a missing test set is not revealed");
            Assert.That(failure, Does.Contain(cid.ToString()).And.Contain("not in the content store"));

            (found, failure) = await sets.FindAsync(new byte[32], CancellationToken.None);
            Assert.That((found, failure), Is.EqualTo(((HiddenTestSet?)null, (string?)null)), "another root: none held, no failure");
        }
    }

    [Test]
    public async Task A_listed_CID_is_found_by_root_once_the_store_has_it()
    {
        byte[] file = Dqd1File(3);
        Cid cid = UnixFsImporter.Import(file).Root;
        var options = new SubmitterOptions();
        options.TestSetCids.Add(cid.ToString());
        options.TestSetCids.Add(cid.ToString());
        var (sets, store) = Open(options);
        using (sets)
        {
            byte[] root = TestSetContent.Parse("f", file).Tree.Root;
            Assert.That(sets.Count, Is.EqualTo(1), "listed twice, one test set");

            Assert.That(await sets.FindAsync(root, CancellationToken.None), Is.EqualTo(((HiddenTestSet?)null, (string?)null)), "not in the store yet: its root is unknown");
            await store.PutAsync(file);
            (HiddenTestSet? found, string? failure) = await sets.FindAsync(root, CancellationToken.None);

            Assert.That(failure, Is.Null);
            Assert.That(HexConvert.Encode(found!.Tree.Root), Is.EqualTo(HexConvert.Encode(root)));
            Assert.That(found.Cid, Is.EqualTo(cid));
        }
    }

    [Test]
    public void A_malformed_CID_is_a_setting_error_naming_it()
    {
        var options = new SubmitterOptions();
        options.TestSetCids.Add("bafynotacid");
        var (sets, _) = Open(options);
        using (sets)
        {
            Assert.That(() => sets.Count, Throws.InstanceOf<InvalidDataException>().With.Message.Contains("bafynotacid"));
        }
    }
}
