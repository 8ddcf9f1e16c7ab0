using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Tests.Primitives;

/// <summary>CREATE addresses, against ethers.js 6's getCreateAddress for anvil's first account.</summary>
public sealed class ContractAddressTests
{
    private static readonly Address Deployer = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    // Nonces 0 (RLP empty string), 1..127 (one byte), 128 and above (length-prefixed), across one and more bytes.
    [TestCase(0UL, "0x5FbDB2315678afecb367f032d93F642f64180aa3")]
    [TestCase(1UL, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")]
    [TestCase(127UL, "0x5fc748f1FEb28d7b76fa1c6B07D8ba2d5535177c")]
    [TestCase(128UL, "0xB82008565FdC7e44609fA118A4a681E92581e680")]
    [TestCase(255UL, "0x01E21d7B8c39dc4C764c19b308Bd8b14B1ba139E")]
    [TestCase(256UL, "0x3C1Cb427D20F15563aDa8C249E71db76d7183B6c")]
    [TestCase(70000UL, "0x3808BBF68110240E59B12334b301d8F31ab36363")]
    public void Create_addresses_match_ethers(ulong nonce, string expected) =>
        Assert.That(ContractAddress.OfCreate(Deployer, nonce), Is.EqualTo(Address.Parse(expected)));
}
