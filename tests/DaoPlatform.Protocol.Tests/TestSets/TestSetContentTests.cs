using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Protocol.Tests.TestSets;

/// <summary>Hidden test sets kept in a local content store: put, fetched back by CID, and each way the store can fail them.</summary>
public sealed class TestSetContentTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("daoplatform-testset-content-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static byte[] Dqd1File(int samples) =>
        Dqd1.Write(new Dataset(3, [.. Enumerable.Range(0, samples).Select(i => (byte)(i % 4))], [.. Enumerable.Range(0, 3 * samples).Select(i => (sbyte)(i * 7))]));

    [Test]
    public async Task A_test_set_put_is_fetched_back_by_its_CID_with_the_same_root()
    {
        var store = new LocalContentStore(_directory, 1 << 20);
        byte[] file = Dqd1File(10);

        HiddenTestSet put = await TestSetContent.PutAsync(store, "hidden.dqd1", file);
        (HiddenTestSet? fetched, string? failure) = await TestSetContent.FetchAsync(store, put.Cid!);

        Assert.That(failure, Is.Null);
        Assert.That(put.Cid, Is.EqualTo(UnixFsImporter.Import(file).Root), "the CID of the DQD1 file, as ipfs add gives it");
        Assert.That(fetched!.Tree.Root, Is.EqualTo(put.Tree.Root));
        Assert.That(fetched.Records, Is.EqualTo(file[Dqd1.HeaderLength..]));
        Assert.That(fetched.InputSize, Is.EqualTo(3));
        Assert.That(fetched.Cid, Is.EqualTo(put.Cid));
    }

    [Test]
    public async Task A_missing_an_altered_and_a_foreign_content_are_failures_that_name_the_CID()
    {
        var store = new LocalContentStore(_directory, 1 << 20);
        byte[] file = Dqd1File(5);
        Cid absent = UnixFsImporter.Import(file).Root;
        (HiddenTestSet? missing, string? whyMissing) = await TestSetContent.FetchAsync(store, absent);
        Assert.That(missing, Is.Null);
        Assert.That(whyMissing, Does.Contain(absent.ToString()).And.Contain("not in the content store"));

        Cid cid = (await TestSetContent.PutAsync(store, "hidden.dqd1", file)).Cid!;
        byte[] altered = [.. file];
        altered[^1] ^= 1;
        await File.WriteAllBytesAsync(store.Locate(cid), altered);
        (HiddenTestSet? changed, string? whyChanged) = await TestSetContent.FetchAsync(store, cid);
        Assert.That(changed, Is.Null);
        Assert.That(whyChanged, Does.Contain(cid.ToString()).And.Contain("altered"));

        Cid model = await store.PutAsync("not a dataset"u8.ToArray());
        (HiddenTestSet? foreign, string? whyForeign) = await TestSetContent.FetchAsync(store, model);
        Assert.That(foreign, Is.Null);
        Assert.That(whyForeign, Does.Contain(model.ToString()).And.Contain("not a DQD1 test set"));
    }

    [Test]
    public void An_empty_dataset_is_not_a_test_set()
    {
        byte[] empty = Dqd1.Write(new Dataset(3, [], []));
        Assert.That(() => TestSetContent.Parse("empty.dqd1", empty), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("empty.dqd1").And.Message.Contains("no sample"));
    }
}
