using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Services.Keys;
using Microsoft.Extensions.Configuration;

namespace DaoPlatform.Services.Tests.Keys;

public sealed class NodeKeyLoaderTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("daoplatform-keys-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private IConfiguration Configuration(string password, params string[] roles)
    {
        string keystore = Path.Combine(_dir, "node.json");
        File.WriteAllText(keystore, Web3SecretStorage.Encrypt(EthereumKey.FromHex("0x" + new string('1', 64)), "right", new ScryptKeyDerivation(new byte[32], n: 1 << 10)));
        string passwordFile = Path.Combine(_dir, "password");
        File.WriteAllText(passwordFile, password + "\n");
        var settings = new Dictionary<string, string?>();
        foreach (string role in roles)
        {
            settings[$"Keys:{role}:KeystorePath"] = keystore;
            settings[$"Keys:{role}:PasswordFile"] = passwordFile;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    [Test]
    public async Task Every_configured_role_gets_its_key_and_roles_may_share_a_keystore_decrypted_once()
    {
        var opened = new OpenedKeystores();
        NodeKeys keys = await NodeKeyLoader.LoadAsync(Configuration("right", "Evaluator", "Finalizer"), NodeRoles.Evaluator | NodeRoles.Finalizer, opened: opened);
        Assert.That(keys.For(NodeRoles.Evaluator).Address, Is.EqualTo(keys.For(NodeRoles.Finalizer).Address));
        Assert.That(keys.Has(NodeRoles.Auditor), Is.False);
        Assert.That(opened.Decrypted, Is.EqualTo(1));
    }

    [Test]
    public async Task A_role_without_a_key_section_is_named()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => NodeKeyLoader.LoadAsync(Configuration("right", "Evaluator"), NodeRoles.Evaluator | NodeRoles.Auditor));
        Assert.That(error!.Message, Does.Contain("Keys:Auditor"));
    }

    [Test]
    public async Task A_wrong_password_names_the_keystore()
    {
        var error = await Assert.ThrowsAsync<SigningKeyException>(() => NodeKeyLoader.LoadAsync(Configuration("wrong", "Auditor"), NodeRoles.Auditor));
        Assert.That(error!.Message, Does.Contain("node.json"));
    }
}
