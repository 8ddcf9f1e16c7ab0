using DaoPlatform.Ethereum.Keystore;

namespace DaoPlatform.Ethereum.Tests.Keystore;

public class KeystoreFormatErrorTests
{
    private static string Error(string json) =>
        Assert.Throws<KeystoreException>(() => Web3SecretStorage.Decrypt(json, "testpassword"))!.Message;

    private static string Edit(string from, string to) => KeystoreVectors.Pbkdf2.Replace(from, to, StringComparison.Ordinal);

    [TestCase("\"version\": 3", "\"version\": 1", "version must be 3; got 1")]
    [TestCase("\"version\": 3", "\"v\": 3", "version must be 3; got nothing")]
    [TestCase("\"cipher\": \"aes-128-ctr\",", "\"cipher\": \"aes-128-cbc\",", "crypto.cipher 'aes-128-cbc' is not supported")]
    [TestCase("\"cipher\": \"aes-128-ctr\",", "", "crypto.cipher is missing")]
    [TestCase("6087dab2f9fdbbfaddc31a909735c1e6", "6087dab2f9fdbbfaddc31a909735c1", "crypto.cipherparams.iv has 15 bytes; expected 16")]
    [TestCase("\"ciphertext\": \"5318", "\"ciphertext\": \"zz18", "crypto.ciphertext is not hex")]
    [TestCase("\"kdf\": \"pbkdf2\"", "\"kdf\": \"argon2\"", "crypto.kdf 'argon2' is not supported")]
    [TestCase("\"prf\": \"hmac-sha256\"", "\"prf\": \"hmac-sha512\"", "crypto.kdfparams.prf 'hmac-sha512' is not supported")]
    [TestCase("\"c\": 262144,", "", "crypto.kdfparams.c is missing")]
    [TestCase("\"c\": 262144", "\"c\": -1", "crypto.kdfparams.c must be a positive integer; got -1")]
    [TestCase("\"dklen\": 32", "\"dklen\": 16", "kdfparams.dklen is 16; at least 32 bytes are needed")]
    [TestCase("\"mac\": \"517e", "\"mac\": 5, \"x\": \"517e", "crypto.mac must be a string; got 5")]
    [TestCase("\"crypto\": {", "\"cryptography\": {", "crypto is missing")]
    [TestCase("\"id\":", "\"address\": \"008aeeda4d805471df9b2a5b0f38a0c3bcba786g\", \"id\":",
        "the file's address is not valid: Address '008aeeda4d805471df9b2a5b0f38a0c3bcba786g': not hex: 'g' at position 39.")]
    [TestCase("\"id\":", "\"address\": \"008aeeda4d805471df9b2a5b0f38a0c3bcba78\", \"id\":",
        "the file's address is not valid: Address '008aeeda4d805471df9b2a5b0f38a0c3bcba78': wrong length: 38 hex digits, expected 40.")]
    public void NamesTheMalformedField(string from, string to, string expected)
    {
        Assert.That(Error(Edit(from, to)), Does.Contain(expected));
    }

    [Test]
    public void RejectsScryptWithNonPowerOfTwoN()
    {
        string json = KeystoreVectors.Pbkdf2
            .Replace("\"kdf\": \"pbkdf2\"", "\"kdf\": \"scrypt\"", StringComparison.Ordinal)
            .Replace("\"c\": 262144, \"dklen\": 32, \"prf\": \"hmac-sha256\",", "\"n\": 1000, \"r\": 8, \"p\": 1, \"dklen\": 32,", StringComparison.Ordinal);
        Assert.That(Error(json), Does.Contain("scrypt n = 1000 must be a power of two above 1"));
    }

    [Test]
    public void RejectsScryptNeedingTooMuchMemory() =>
        Assert.Throws<KeystoreException>(() => new ScryptKeyDerivation(new byte[32], n: 1 << 30, r: 8, p: 1));

    [Test]
    public void RejectsInvalidJson() => Assert.That(Error("{ \"crypto\": "), Does.Contain("the file is not valid JSON"));
}
