using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.Keystore;

public class OpenedKeystoresTests
{
    private static readonly EthereumKey Key = EthereumKey.FromHex("0x" + new string('2', 64));

    private static string Encrypt(string password) =>
        Web3SecretStorage.Encrypt(Key, password, new ScryptKeyDerivation(new byte[32], n: 1 << 10));

    [Test]
    public void One_file_opened_twice_with_its_password_is_decrypted_once()
    {
        var opened = new OpenedKeystores();
        string json = Encrypt("right");
        EthereumKey first = opened.Open("keys/node.json", json, "right");
        EthereumKey again = opened.Open(Path.Combine(Environment.CurrentDirectory, "keys", "node.json"), json, "right");
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first), "the same full path");
            Assert.That(first.Address, Is.EqualTo(Key.Address));
            Assert.That(opened.Decrypted, Is.EqualTo(1));
        });
    }

    [Test]
    public void Another_password_or_content_or_file_is_decrypted_again_as_Web3SecretStorage_would()
    {
        var opened = new OpenedKeystores();
        string json = Encrypt("right");
        opened.Open("node.json", json, "right");
        Assert.Throws<KeystoreException>(() => opened.Open("node.json", json, "wrong"), "a wrong password is never served from the cache");
        Assert.That(opened.Open("node.json", Encrypt("other"), "other").Address, Is.EqualTo(Key.Address));
        opened.Open("copy.json", json, "right");
        Assert.That(opened.Decrypted, Is.EqualTo(3), "the wrong password's failure is not counted, the rewritten file and the copy are");
    }
}
