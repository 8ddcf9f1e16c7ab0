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

    // Every refusal names the rule that failed: length, hex digits or checksum.
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
        "Address '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD': bad EIP-55 checksum (mixed-case input must match it); the checksummed form is 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed.")]
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "Address '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA': wrong length: 38 hex digits, expected 40.")]
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", "Address '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00': wrong length: 42 hex digits, expected 40.")]
    [TestCase("0x", "Address '0x': wrong length: 0 hex digits, expected 40.")]
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "Address '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg': not hex: 'g' at position 41.")]
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1 BeAe", "Address '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1 BeAe': not hex: ' ' at position 37.")]
    public void RefusalNamesTheRuleThatFailed(string text, string message)
    {
        Assert.That(Assert.Throws<FormatException>(() => Address.Parse(text))!.Message, Is.EqualTo(message));
        Assert.That(Address.TryParse(text, out _, out string? error), Is.False);
        Assert.That(error, Is.EqualTo(message));
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
