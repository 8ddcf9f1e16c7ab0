using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.Keystore;

/// <summary>The test vectors of the Web3 Secret Storage Definition (password "testpassword").</summary>
public class Web3SecretStorageTests
{
    private const string Password = "testpassword";
    private const string Secret = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
    private static readonly Address SecretAddress = Address.Parse("0x008aeeda4d805471df9b2a5b0f38a0c3bcba786b");


    // The definition's scrypt vector (n = 2^18, r = 1, p = 8; outside RFC 7914's N < 2^(16 r), which geth
    // does not enforce either), with geth's upper-case "Crypto" key and its address field. The later
    // ethereum.org revision's scrypt vector (iv 740770fc..., r = 8, p = 1) is not used: its stated
    // parameters do not give its derived key 7446f59e... (OpenSSL's scrypt gives b4130dc8...).
    private const string ScryptVector = """
        {
          "Crypto": {
            "cipher": "aes-128-ctr",
            "cipherparams": { "iv": "83dbcc02d8ccb40e466191a123791e0e" },
            "ciphertext": "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
            "kdf": "scrypt",
            "kdfparams": { "dklen": 32, "n": 262144, "r": 1, "p": 8, "salt": "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19" },
            "mac": "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"
          },
          "address": "008aeeda4d805471df9b2a5b0f38a0c3bcba786b",
          "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
          "version": 3
        }
        """;

    [TestCase(KeystoreVectors.Pbkdf2, TestName = "Pbkdf2 vector")]
    [TestCase(ScryptVector, TestName = "Scrypt vector, upper-case Crypto")]
    public void DecryptsPublishedVector(string json)
    {
        EthereumKey key = Web3SecretStorage.Decrypt(json, Password);
        Assert.That(HexConvert.Encode(key.ExportPrivateKey()), Is.EqualTo(Secret));
        Assert.That(key.Address, Is.EqualTo(SecretAddress));
    }

    [Test]
    public void OpensAFileWrittenByEthers()
    {
        // ethers 6.17 encryptKeystoreJsonSync (scrypt N = 1024, fixed salt/iv/uuid) of the EIP-155 example key.
        const string json = """
            {"address":"9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f","id":"efefefef-efef-4fef-afef-efefefefefef","version":3,"Crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"},"ciphertext":"52633fceaa99c97c289f1b2d682fdcb0346228d95eef15a9e9863a2d4b7ef193","kdf":"scrypt","kdfparams":{"salt":"abababababababababababababababababababababababababababababababab","n":1024,"dklen":32,"p":1,"r":8},"mac":"5f54df40bafbce8add77a6c7746fa9c9902ea68233f17d26d06afe82fb80c9ce"}}
            """;
        EthereumKey key = Web3SecretStorage.Decrypt(json, "ethers password");
        Assert.That(key.Address, Is.EqualTo(Address.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")));
    }

    [Test]
    public void WrongPasswordIsAMacMismatch()
    {
        var error = Assert.Throws<KeystoreException>(() => Web3SecretStorage.Decrypt(KeystoreVectors.Pbkdf2, "testpassworD"));
        Assert.That(error!.Message, Is.EqualTo("Keystore: MAC mismatch (wrong password?)."));
    }

    [Test]
    public void RoundTripsWithLightScrypt()
    {
        EthereumKey key = EthereumKey.Generate();
        string json = Web3SecretStorage.Encrypt(key, "correct horse", new ScryptKeyDerivation(new byte[32], n: 1024, r: 8, p: 1));
        Assert.That(Web3SecretStorage.Decrypt(json, "correct horse").Address, Is.EqualTo(key.Address));
        Assert.That(json, Does.Contain("\"address\":\"" + key.Address.ToLowerHex()[2..] + "\""));
        Assert.Throws<KeystoreException>(() => Web3SecretStorage.Decrypt(json, "battery staple"));
    }

    [Test]
    public void RoundTripsWithPbkdf2AndUnicodePassword()
    {
        EthereumKey key = EthereumKey.Generate();
        string json = Web3SecretStorage.Encrypt(key, "pässwörd ✓", new Pbkdf2KeyDerivation([1, 2, 3, 4], iterations: 1000));
        Assert.That(Web3SecretStorage.Decrypt(json, "pässwörd ✓").Address, Is.EqualTo(key.Address));
    }

    [Test]
    public void EncryptionsDifferByRandomIvAndId()
    {
        EthereumKey key = EthereumKey.Generate();
        var kdf = new Pbkdf2KeyDerivation(new byte[16], iterations: 10);
        Assert.That(Web3SecretStorage.Encrypt(key, "p", kdf), Is.Not.EqualTo(Web3SecretStorage.Encrypt(key, "p", kdf)));
    }

    [Test]
    public void StandardScryptUsesTheDefinitionsCostAndARandomSalt()
    {
        ScryptKeyDerivation a = ScryptKeyDerivation.CreateStandard();
        ScryptKeyDerivation b = ScryptKeyDerivation.CreateStandard();
        Assert.That((a.N, a.R, a.P, a.KeyLength), Is.EqualTo((262144, 8, 1, 32)));
        Assert.That(a.Salt.Length, Is.EqualTo(32));
        Assert.That(a.Salt.SequenceEqual(b.Salt), Is.False);
    }

    [Test]
    public void RejectsAddressThatDoesNotMatchTheKey()
    {
        string json = KeystoreVectors.Pbkdf2.Replace("\"version\": 3", "\"version\": 3, \"address\": \"1111111111111111111111111111111111111111\"", StringComparison.Ordinal);
        var error = Assert.Throws<KeystoreException>(() => Web3SecretStorage.Decrypt(json, Password));
        Assert.That(error!.Message, Does.Contain("does not match the decrypted key's address"));
    }
}
