using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Services.Keys;

namespace DaoPlatform.Services.Tests.Keys;

public class KeystoreKeyLoaderTests
{
    private const string Password = "correct horse battery staple";

    private string _directory = null!;
    private string _keystore = null!;
    private string _variable = null!;
    private EthereumKey _key = null!;

    [SetUp]
    public void WriteKeystore()
    {
        _directory = Directory.CreateTempSubdirectory("daoplatform-keys-").FullName;
        _key = EthereumKey.Generate();
        _keystore = Path.Combine(_directory, "key.json");
        // A cheap scrypt keeps the test fast; the loader reads whatever parameters the file names.
        File.WriteAllText(_keystore, Web3SecretStorage.Encrypt(_key, Password, new ScryptKeyDerivation(new byte[32], n: 1 << 10)));
        _variable = "DAOPLATFORM_TEST_PASSWORD_" + Guid.NewGuid().ToString("N");
    }

    [TearDown]
    public void Clean()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task LoadsWithThePasswordFromAnEnvironmentVariable()
    {
        Environment.SetEnvironmentVariable(_variable, Password);
        EthereumKey key = await KeystoreKeyLoader.LoadAsync(new SigningKeyOptions { KeystorePath = _keystore, PasswordEnvironmentVariable = _variable });
        Assert.That(key.Address, Is.EqualTo(_key.Address));
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("")]
    public async Task LoadsWithThePasswordFromAFileIgnoringOneLineBreak(string ending)
    {
        string file = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(file, Password + ending);
        EthereumKey key = await KeystoreKeyLoader.LoadAsync(new SigningKeyOptions { KeystorePath = _keystore, PasswordFile = file });
        Assert.That(key.Address, Is.EqualTo(_key.Address));
    }

    [Test]
    public async Task AWrongPasswordNamesTheFileAndTheSource()
    {
        Environment.SetEnvironmentVariable(_variable, "wrong");
        SigningKeyException error = (await Assert.ThrowsAsync<SigningKeyException>(
            () => KeystoreKeyLoader.LoadAsync(new SigningKeyOptions { KeystorePath = _keystore, PasswordEnvironmentVariable = _variable })))!;
        Assert.That(error.KeystorePath, Is.EqualTo(_keystore));
        Assert.That(error.Message, Does.StartWith($"Keystore {_keystore}: ").And.Contain("wrong password").And.Contain(_variable));
        Assert.That(error.InnerException, Is.TypeOf<KeystoreException>());
    }

    [Test]
    public async Task AMissingOrMalformedKeystoreNamesTheFile()
    {
        Environment.SetEnvironmentVariable(_variable, Password);
        string missing = Path.Combine(_directory, "absent.json");
        SigningKeyException absent = (await Assert.ThrowsAsync<SigningKeyException>(
            () => KeystoreKeyLoader.LoadAsync(new SigningKeyOptions { KeystorePath = missing, PasswordEnvironmentVariable = _variable })))!;
        Assert.That(absent.Message, Is.EqualTo($"Keystore {missing}: the keystore file {missing} does not exist."));

        await File.WriteAllTextAsync(_keystore, "{ \"version\": 3, ");
        SigningKeyException malformed = (await Assert.ThrowsAsync<SigningKeyException>(
            () => KeystoreKeyLoader.LoadAsync(new SigningKeyOptions { KeystorePath = _keystore, PasswordEnvironmentVariable = _variable })))!;
        Assert.That(malformed.Message, Does.StartWith($"Keystore {_keystore}: Keystore: the file is not valid JSON"));
    }

    [Test]
    public async Task AMissingPasswordSourceIsNamed()
    {
        SigningKeyException unset = (await Assert.ThrowsAsync<SigningKeyException>(
            () => KeystoreKeyLoader.LoadAsync(new SigningKeyOptions { KeystorePath = _keystore, PasswordEnvironmentVariable = _variable })))!;
        Assert.That(unset.Message, Does.Contain($"the password environment variable {_variable} is not set"));

        string file = Path.Combine(_directory, "no-password");
        SigningKeyException noFile = (await Assert.ThrowsAsync<SigningKeyException>(
            () => KeystoreKeyLoader.LoadAsync(new SigningKeyOptions { KeystorePath = _keystore, PasswordFile = file })))!;
        Assert.That(noFile.Message, Does.Contain($"the password file {file} does not exist"));
    }

    [Test]
    public async Task TheSynchronousLoadOfTheContentServiceReadsAndFailsAsTheAsynchronousOne()
    {
        string file = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(file, Password + "\n");
        Assert.That(KeystoreKeyLoader.Load(new SigningKeyOptions { KeystorePath = _keystore, PasswordFile = file }).Address, Is.EqualTo(_key.Address));

        await File.WriteAllTextAsync(file, "wrong");
        var options = new SigningKeyOptions { KeystorePath = _keystore, PasswordFile = file };
        SigningKeyException synchronous = Assert.Throws<SigningKeyException>(() => KeystoreKeyLoader.Load(options))!;
        SigningKeyException asynchronous = (await Assert.ThrowsAsync<SigningKeyException>(() => KeystoreKeyLoader.LoadAsync(options)))!;
        Assert.That(synchronous.Message, Is.EqualTo(asynchronous.Message).And.Contain("wrong password").And.Contain(file));
        Assert.Throws<ArgumentException>(() => KeystoreKeyLoader.Load(new SigningKeyOptions { PasswordFile = file }));
    }

    [TestCase(null, "VAR", null, "KeystorePath is required")]
    [TestCase("k.json", null, null, "neither is set")]
    [TestCase("k.json", "VAR", "pw.txt", "both are set")]
    public async Task OptionsNeedAKeystoreAndExactlyOnePasswordSource(string? path, string? variable, string? file, string message)
    {
        var options = new SigningKeyOptions { KeystorePath = path, PasswordEnvironmentVariable = variable, PasswordFile = file };
        Assert.That(new SigningKeyOptionsValidator().Validate(null, options).FailureMessage, Does.Contain(message));
        await Assert.ThrowsAsync<ArgumentException>(() => KeystoreKeyLoader.LoadAsync(options));
    }
}
