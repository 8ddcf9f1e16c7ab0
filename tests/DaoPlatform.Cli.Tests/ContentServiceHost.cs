using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DaoPlatform.Assets.Hosting;
using DaoPlatform.Assets.Http;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// A content service composed by <c>AddAssetContent</c> and <c>MapAssetContent</c> on 127.0.0.1 over the CLI devnet's
/// deployment: a fresh node key, anvil's dev account 5 as the consumer that records uses (no other test sends from it),
/// and a store folder that <c>asset publish --store</c> encrypts into.
/// </summary>
internal sealed class ContentServiceHost : IAsyncDisposable
{
    private const string ConsumerKeyHex = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
    private const string Password = "test password";

    private readonly WebApplication _service;

    private ContentServiceHost(WebApplication service, string store, string nodeKey, string url)
    {
        _service = service;
        Store = store;
        NodeKey = nodeKey;
        Url = url;
    }

    /// <summary>The service's folder (<c>AssetContent:Folder</c>), for <c>asset publish --store</c>.</summary>
    public string Store { get; }

    /// <summary>The node key's keystore, for <c>asset publish --node-key</c>.</summary>
    public string NodeKey { get; }

    /// <summary>The consumer's address, for <c>asset publish --consumer</c>.</summary>
    public static string Consumer => EthereumKey.FromHex(ConsumerKeyHex).Address.ToChecksumString();

    /// <summary>The service's URL, <c>http://127.0.0.1:PORT/</c>.</summary>
    public string Url { get; }

    /// <summary>Writes the keys into <paramref name="folder"/> and starts the service.</summary>
    public static async Task<ContentServiceHost> StartAsync(string folder)
    {
        string store = Path.Combine(folder, "content");
        string nodeKey = Path.Combine(folder, "node-key.json");
        string consumerKey = Path.Combine(folder, "consumer-key.json");
        string passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        await File.WriteAllTextAsync(nodeKey, Keystore(EthereumKey.Generate()));
        await File.WriteAllTextAsync(consumerKey, Keystore(EthereumKey.FromHex(ConsumerKeyHex)));

        JsonObject deployment = JsonNode.Parse(await File.ReadAllTextAsync(CliDevnet.Cli.Variables["DAOPLATFORM_DEPLOYMENT"]!))!.AsObject();
        string domain = $"127.0.0.1:{CliDevnet.FreePort()}";
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{domain}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AssetContent:Folder"] = store,
            ["AssetContent:NodeKey:KeystorePath"] = nodeKey,
            ["AssetContent:NodeKey:PasswordFile"] = passwordFile,
            ["AssetContent:ConsumerKey:KeystorePath"] = consumerKey,
            ["AssetContent:ConsumerKey:PasswordFile"] = passwordFile,
            ["AssetContent:AssetRegistry"] = ContractAddress(deployment, "AssetRegistry"),
            ["AssetContent:AccessPasses"] = ContractAddress(deployment, "AccessPasses"),
            ["AssetContent:SignIn:Domain"] = domain,
            ["AssetContent:SignIn:ChainId"] = "10",
            ["AssetContent:NonceStore:ConnectionString"] = $"Data Source={Path.Combine(folder, "signin.db")};Pooling=false",
        });
        builder.Services.AddSingleton(_ => new EthRpcClient(new JsonRpcClient(new Uri(CliDevnet.Cli.Variables["DAOPLATFORM_RPC_URL"]!))));
        builder.Services.AddAssetContent(builder.Configuration);
        WebApplication service = builder.Build();
        service.MapAssetContent();
        await service.StartAsync();
        return new ContentServiceHost(service, store, nodeKey, $"http://{domain}/");
    }

    /// <summary>The ciphertext file of the one asset published into <see cref="Store"/> (<c>blocks/ID.blocks</c>).</summary>
    public string CiphertextFile() => Directory.GetFiles(Path.Combine(Store, "blocks"), "*.blocks").Single();

    /// <summary>Stops the service.</summary>
    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync();
        await _service.DisposeAsync();
    }

    private static string Keystore(EthereumKey key) =>
        Web3SecretStorage.Encrypt(key, Password, new Pbkdf2KeyDerivation(RandomNumberGenerator.GetBytes(32), iterations: 1024));

    private static string ContractAddress(JsonObject deployment, string name) =>
        deployment["contracts"]![name]!["address"]!.GetValue<string>();
}
