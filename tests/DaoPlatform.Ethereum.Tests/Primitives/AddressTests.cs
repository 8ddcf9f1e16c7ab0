using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Tests.Primitives;

public class AddressTests
{
    // The test vectors published in EIP-55.
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [TestCase("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [TestCase("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [TestCase("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [TestCase("0x52908400098527886E0F7030069857D2E4169EE7")]
    [TestCase("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [TestCase("0xde709f2102306220921060314715629080e2fb77")]
    [TestCase("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    public void ChecksumsEip55Vectors(string checksummed)
    {
        Address address = Address.Parse(checksummed.ToLowerInvariant());
        Assert.That(address.ToChecksumString(), Is.EqualTo(checksummed));
        Assert.That(Address.Parse(checksummed), Is.EqualTo(address));
    }

    [Test]
    public void RejectsBadChecksumAndNamesTheCorrectForm()
    {
        var error = Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.That(error!.Message, Does.Contain("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }

    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")]
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00")]
    public void RejectsWrongLength(string text)
    {
        var error = Assert.Throws<FormatException>(() => Address.Parse(text));
        Assert.That(error!.Message, Does.Contain("expected 40"));
    }

    [Test]
    public void AcceptsAllUpperCase()
    {
        Assert.That(Address.Parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED").ToChecksumString(),
            Is.EqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }

    [Test]
    public void OrdersAsUnsignedNumbers()
    {
        Address low = Address.Parse("0x0000000000000000000000000000000000000001");
        Address high = Address.Parse("0x8000000000000000000000000000000000000000");
        Assert.That(low < high, Is.True);
        Assert.That(Address.Zero < low, Is.True);
        Assert.That(default(Address), Is.EqualTo(Address.Zero));
    }
}
