using DaoPlatform.Assets.Access;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Cli.Tests;

/// <summary>The hub with its content service, started as <c>daoplatform hub --content</c> and the node's Hub role start it, on the devnet.</summary>
[NonParallelizable]
public sealed class HubKeystoreTests
{
    [Test]
    public async Task The_content_service_beside_the_hub_decrypts_the_node_keystore_once_for_the_start_check_the_node_key_and_the_consumer_key()
    {
        string folder = CliDevnet.NewFolder();
        string keystore = Path.Combine(folder, "node.json"), password = Path.Combine(folder, "password");
        var key = EthereumKey.FromHex(CliDevnet.Accounts.Single(a => a.Name == "carol").Key);
        await File.WriteAllTextAsync(keystore, Web3SecretStorage.Encrypt(key, "node password", new ScryptKeyDerivation(new byte[32], n: 1 << 10)));
        await File.WriteAllTextAsync(password, "node password\n");
        IConfiguration settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:RpcUrl"] = CliDevnet.Cli.Variables["DAOPLATFORM_RPC_URL"],
            ["Hub:Deployment"] = CliDevnet.Cli.Variables["DAOPLATFORM_DEPLOYMENT"],
            ["Hub:DataDirectory"] = Path.Combine(folder, "hub"),
            ["Hub:Url"] = $"http://127.0.0.1:{CliDevnet.FreePort()}",
            ["Hub:Content:Folder"] = Path.Combine(folder, "content"),
            ["Hub:Content:KeystorePath"] = keystore,
            ["Hub:Content:PasswordFile"] = password,
        }).Build();

        var opened = new OpenedKeystores();
        await using WebApplication hub = await HubLauncher.StartAsync(settings, opened, CancellationToken.None);
        // Both keys are made when first needed; ask for them now.
        NodeKey node = hub.Services.GetRequiredService<NodeKey>();
        _ = hub.Services.GetRequiredService<IAssetLedger>();
        Assert.That(opened.Decrypted, Is.EqualTo(1), "the password check at start, the node key and the consumer key share one decryption");
        Assert.That(node.Id, Is.EqualTo(key.Address.ToChecksumString()));
        await hub.StopAsync();
    }
}
