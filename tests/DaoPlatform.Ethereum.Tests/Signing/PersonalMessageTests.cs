using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.Signing;

public class PersonalMessageTests
{
    private static readonly EthereumKey Key = EthereumKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");

    [Test]
    public void HashesHelloWorldAsPublished()
    {
        // The ethers.js documentation's hashMessage("Hello World") example.
        Assert.That(HexConvert.Encode(PersonalMessage.Hash("Hello World")),
            Is.EqualTo("0xa1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2"));
    }

    // Expected signatures produced by ethers 6.17 Wallet.signMessage with the same key.
    [TestCase("Hello World", "0xf445005436439a4398409aee0e0b13702bdee4e3774b6aa67184f0732d3a270a1ef3802a2455afba1374fb2ad23345e89eb7366c9d567fe0e5338df934434e3b1c")]
    public void SignsTextLikeEthers(string message, string expected)
    {
        Signature signature = PersonalMessage.Sign(Key, message);
        Assert.That(signature.ToString(), Is.EqualTo(expected));
        Assert.That(PersonalMessage.RecoverAddress(message, signature), Is.EqualTo(Key.Address));
    }

    [Test]
    public void SignsBytesLikeEthers()
    {
        // ethers 6.17: wallet.signMessage(new Uint8Array([0, 255])).
        Signature signature = PersonalMessage.Sign(Key, [0x00, 0xff]);
        Assert.That(signature.ToString(), Is.EqualTo("0xbf7bb0c6823d6677eafec9b7a9c232f4bfd85c7b7edcd209b6bd987a6d34e5c24dd04a4a35a6068937f8f306d286c41b3e8c7a24f2ff2e4634678a32e6dc9b281c"));
    }

    [Test]
    public void RecoversSignerOfEthersSignature()
    {
        // ethers 6.17: new Wallet(keccak256("cow")).signMessage("hello").
        Signature signature = Signature.FromHex("0x2452a50a1b27db559e685e82ef59445ff08ca6843b5089aa1c32a70db206d47d693e5ae94daffccbbf590c5d2a72ad5706994748d2c8d3a8b39355589e16e8751c");
        Assert.That(PersonalMessage.RecoverAddress("hello", signature), Is.EqualTo(Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")));
        Assert.That(PersonalMessage.RecoverAddress("hello!", signature), Is.Not.EqualTo(Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")));
    }
}
