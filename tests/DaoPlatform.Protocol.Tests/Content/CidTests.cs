using System.Text;
using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Protocol.Tests.Content;

public class CidTests
{
    [Test]
    public void EmptyContentHasTheCidOfTheEvaluationSpec() =>
        // docs/evaluation.md §7.
        Assert.That(Cid.ForRawBlock([]).ToString(), Is.EqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"));

    [Test]
    public void HelloWorldHasTheCidIpfsGivesIt() =>
        // `echo -n "hello world" | ipfs add --cid-version 1 --raw-leaves` (a widely published value).
        Assert.That(Cid.ForRawBlock("hello world"u8).ToString(), Is.EqualTo("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e"));

    [FsCheckProperty]
    public bool TextFormRoundTrips(byte[] content, bool dagPb)
    {
        Cid cid = Cid.Compute(dagPb ? ContentCodec.DagPb : ContentCodec.Raw, content);
        Cid parsed = Cid.Parse(cid.ToString());
        return parsed.Equals(cid) && parsed.ToString() == cid.ToString() && Cid.FromBytes(cid.ToBytes()).Equals(cid);
    }

    [TestCase("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR", "CIDv0")]
    [TestCase("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA", "prefix 'b'")]
    [TestCase("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk", "cannot encode whole bytes")]
    [TestCase("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvykv", "non-zero padding bits")]
    [TestCase("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk1", "'1' at position 57")]
    [TestCase("bafyreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", "codec 0x71")]
    [TestCase("bafkrmihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", "multihash")]
    public void MalformedCidsAreRefusedSayingWhy(string text, string reason)
    {
        FormatException error = Assert.Throws<FormatException>(() => Cid.Parse(text))!;
        Assert.That(error.Message, Does.Contain(text).And.Contain(reason));
    }

    [Test]
    public void VerifyNamesExpectedAndActual()
    {
        Cid expected = Cid.ForRawBlock("model"u8);
        ContentVerificationException error = Assert.Throws<ContentVerificationException>(
            () => expected.Verify(Encoding.UTF8.GetBytes("forged"), "somewhere"))!;
        Assert.That(error.Actual, Is.EqualTo(Cid.ForRawBlock("forged"u8)));
        Assert.That(error.Message, Does.Contain(expected.ToString()).And.Contain(error.Actual.ToString()).And.Contain("somewhere"));
    }
}
