using DaoPlatform.Ethereum.Hashing;
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

    // go-ethereum's accounts/keystore/testdata/v3_test_vector.json "31_byte_key" and "30_byte_key" (password "foo",
    // scrypt n = 2): geth wrote keys with one and two leading zero bytes as 31- and 30-byte secrets.
    [TestCase("e0c41130a323adc1446fc82f724bca2f", "9517cd5bdbe69076f9bf5057248c6c050141e970efa36ce53692d5d59a3984",
        "711f816911c92d649fb4c84b047915679933555030b3552c1212609b38208c63", "d5e116151c6aa71470e67a7d42c9620c75c4d23229847dcc127794f0732b0db5",
        "0x00fa7b3db73dc7dfdf8c5fbdb796d741e4488628c41fc4febd9160a866ba0f35", TestName = "geth 31_byte_key")]
    [TestCase("3ca92af36ad7c2cd92454c59cea5ef00", "108b7d34f3442fc26ab1ab90ca91476ba6bfa8c00975a49ef9051dc675aa",
        "d0769e608fb86cda848065642a9c6fa046845c928175662b8e356c77f914cd3b", "75d0e6759f7b3cefa319c3be41680ab6beea7d8328653474bd06706d4cc67420",
        "0x000081c29e8142bb6a81bef5a92bda7a8328a5c85bb2f9542e76f9b0f94fc018", TestName = "geth 30_byte_key")]
    public void OpensGethKeystoresWhoseKeyLostItsLeadingZeros(string iv, string ciphertext, string salt, string mac, string expected)
    {
        string json = $$"""
            { "crypto": { "cipher": "aes-128-ctr", "cipherparams": { "iv": "{{iv}}" }, "ciphertext": "{{ciphertext}}", "kdf": "scrypt",
                          "kdfparams": { "dklen": 32, "n": 2, "r": 8, "p": 1, "salt": "{{salt}}" }, "mac": "{{mac}}" },
              "id": "fecfc4ce-e956-48fd-953b-30f8b52ed66c", "version": 3 }
            """;

        EthereumKey key = Web3SecretStorage.Decrypt(json, "foo");

        Assert.That(HexConvert.Encode(key.ExportPrivateKey()), Is.EqualTo(expected));
    }

    [TestCase(1)]
    [TestCase(20)]
    [TestCase(31)]
    public void AnySecretShorterThan32BytesReadsAsTheSameKeyLeftPadded(int length)
    {
        // The kind: write a short secret as geth does (same KDF, cipher and MAC), then open it.
        byte[] secret = Keccak256.Hash(BitConverter.GetBytes(length))[..length];
        secret[0] |= 1;
        string json = ShortSecretKeystore(secret, "pw");

        EthereumKey key = Web3SecretStorage.Decrypt(json, "pw");

        Assert.That(key.ExportPrivateKey(), Is.EqualTo(new byte[32 - length].Concat(secret).ToArray()));
    }

    [Test]
    public void AnEmptyOrOverlongSecretIsRefused()
    {
        Assert.That(Assert.Throws<KeystoreException>(() => Web3SecretStorage.Decrypt(ShortSecretKeystore([], "pw"), "pw"))!.Message,
            Does.Contain("not a valid secp256k1 private key (0 bytes)"));
        Assert.That(Assert.Throws<KeystoreException>(() => Web3SecretStorage.Decrypt(ShortSecretKeystore(new byte[33], "pw"), "pw"))!.Message,
            Does.Contain("not a valid secp256k1 private key (33 bytes)"));
    }

    // Encrypts a secret of any length as a v3 keystore (scrypt n = 2, a fixed IV), as geth does for a short key.
    private static string ShortSecretKeystore(byte[] secret, string password)
    {
        var light = new ScryptKeyDerivation(new byte[32], 2, 8, 1);
        byte[] iv = Enumerable.Repeat((byte)0x11, 16).ToArray();
        byte[] derived = light.DeriveKey(System.Text.Encoding.UTF8.GetBytes(password));
        var aes = Org.BouncyCastle.Security.CipherUtilities.GetCipher("AES/CTR/NoPadding");
        aes.Init(true, new Org.BouncyCastle.Crypto.Parameters.ParametersWithIV(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(derived, 0, 16), iv));
        byte[] ciphertext = secret.Length == 0 ? [] : aes.DoFinal(secret);
        byte[] mac = Keccak256.Hash([.. derived.AsSpan(16, 16), .. ciphertext]);
        return $$"""
            { "crypto": { "cipher": "aes-128-ctr", "cipherparams": { "iv": "{{HexConvert.Encode(iv, prefix: false)}}" },
                          "ciphertext": "{{HexConvert.Encode(ciphertext, prefix: false)}}", "kdf": "scrypt",
                          "kdfparams": { "dklen": 32, "n": 2, "r": 8, "p": 1, "salt": "{{HexConvert.Encode(new byte[32], prefix: false)}}" },
                          "mac": "{{HexConvert.Encode(mac, prefix: false)}}" },
              "id": "00000000-0000-4000-8000-000000000000", "version": 3 }
            """;
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
