using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// The wallet of one browser context: answers for <see cref="Account"/>, reports <see cref="ChainId"/> (which a
/// test may set wrong), forwards sends, typed-data and personal_sign signatures to the devnet, whose dev accounts sign without
/// keys, and refuses with EIP-1193 code 4001 while <see cref="Refuse"/> is set. Every request is recorded.
/// </summary>
public sealed class TestWallet
{
    private static readonly string Script = ReadScript();
    private readonly Uri _devnet;
    private static readonly HttpClient Http = new();

    private TestWallet(Address account, ulong chainId, Uri devnet)
    {
        Account = account;
        ChainId = chainId;
        _devnet = devnet;
    }

    public Address Account { get; }

    /// <summary>The chain the wallet says it is on; <c>wallet_switchEthereumChain</c> changes it.</summary>
    public ulong ChainId { get; set; }

    /// <summary>While true, account, send and sign requests are refused (code 4001) and nothing reaches the chain.</summary>
    public bool Refuse { get; set; }

    /// <summary>The methods requested, in order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The methods forwarded to the devnet that change or sign something.</summary>
    public List<string> Forwarded { get; } = [];

    /// <summary>Installs a wallet for <paramref name="account"/> in <paramref name="context"/> (before any page opens).</summary>
    public static async Task<TestWallet> InstallAsync(IBrowserContext context, Address account, ulong chainId, Uri devnet)
    {
        var wallet = new TestWallet(account, chainId, devnet);
        await context.ExposeFunctionAsync<string, Task<string>>("__testWalletRpc", wallet.HandleAsync);
        await context.AddInitScriptAsync(Script);
        return wallet;
    }

    private async Task<string> HandleAsync(string requestJson)
    {
        JsonNode request = JsonNode.Parse(requestJson)!;
        string method = request["method"]!.GetValue<string>();
        JsonArray parameters = request["params"]?.AsArray() ?? [];
        lock (Requests)
        {
            Requests.Add(method);
        }
        string hexChain = "0x" + ChainId.ToString("x", CultureInfo.InvariantCulture);
        switch (method)
        {
            case "eth_requestAccounts" or "eth_sendTransaction" or "eth_signTypedData_v4" or "personal_sign" when Refuse:
                return Error(4001, "User rejected the request.");
            case "eth_requestAccounts" or "eth_accounts":
                return Result(new JsonArray(Account.ToChecksumString()));
            case "eth_chainId":
                return Result(hexChain);
            case "wallet_switchEthereumChain":
                if (Refuse)
                {
                    return Error(4001, "User rejected the request.");
                }
                string wanted = parameters[0]!["chainId"]!.GetValue<string>();
                ulong devnetChain = await DevnetChainIdAsync();
                if (ulong.Parse(wanted.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) != devnetChain)
                {
                    return Error(4902, $"Unrecognized chain ID {wanted}.");
                }
                ChainId = devnetChain;
                return new JsonObject { ["result"] = null, ["emit"] = new JsonObject { ["event"] = "chainChanged", ["value"] = wanted } }.ToJsonString();
            case "eth_sendTransaction":
                parameters[0]!["from"] = Account.ToLowerHex();
                break;
            case "eth_signTypedData_v4":
                parameters[0] = Account.ToLowerHex();
                break;
            case "personal_sign":
                parameters[1] = Account.ToLowerHex();
                break;
        }
        if (method is "eth_sendTransaction" or "eth_signTypedData_v4" or "personal_sign")
        {
            lock (Forwarded)
            {
                Forwarded.Add(method);
            }
        }
        return await ForwardAsync(method, parameters);
    }

    private async Task<ulong> DevnetChainIdAsync()
    {
        JsonNode answer = JsonNode.Parse(await ForwardAsync("eth_chainId", []))!;
        return ulong.Parse(answer["result"]!.GetValue<string>().AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private async Task<string> ForwardAsync(string method, JsonArray parameters)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters.DeepClone() };
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Http.PostAsync(_devnet, content);
        JsonNode answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return answer["error"] is { } error
            ? Error(error["code"]!.GetValue<int>(), error["message"]!.GetValue<string>())
            : new JsonObject { ["result"] = answer["result"]?.DeepClone() }.ToJsonString();
    }

    private static string Result(JsonNode? value) => new JsonObject { ["result"] = value }.ToJsonString();

    private static string Error(int code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString();

    private static string ReadScript()
    {
        using Stream stream = typeof(TestWallet).Assembly.GetManifestResourceStream("test-wallet.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
