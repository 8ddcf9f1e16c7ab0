using System.Globalization;
using System.Text.Json;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Deployment;
using Microsoft.JSInterop;

namespace DaoPlatform.Hub.Components.Wallet;

/// <summary>A wallet found in the browser.</summary>
public sealed record WalletChoice(string Id, string Name, string Rdns);

/// <summary>What a wallet answered: a result, or an error with its EIP-1193 code (4001: the user refused).</summary>
public sealed record WalletAnswer(JsonElement? Result, int Code, string? Message)
{
    /// <summary>The user refused the request in the wallet (EIP-1193 code 4001).</summary>
    public bool Refused => Code == 4001;

    /// <summary>True when the wallet answered with a result.</summary>
    public bool Ok => Result is not null;
}

/// <summary>
/// The user's wallet for one browser circuit: which wallet, account and chain, through the <c>wallet.js</c> module.
/// The server never holds a key: it asks the wallet to send or sign and gets back a hash or a signature.
/// </summary>
public sealed class WalletSession(IJSRuntime js, DeploymentRecord deployment) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private DotNetObjectReference<WalletSession>? _self;

    /// <summary>Raised when the account or chain changes.</summary>
    public event Action? Changed;

    /// <summary>The connected account, or null.</summary>
    public Address? Account { get; private set; }

    /// <summary>The wallet's chain id, or null before connecting.</summary>
    public ulong? ChainId { get; private set; }

    /// <summary>The chain the platform is deployed on.</summary>
    public ulong PlatformChainId => deployment.ChainId;

    /// <summary>True when connected on the platform's chain: writes are offered.</summary>
    public bool Ready => Account is not null && ChainId == deployment.ChainId;

    /// <summary>The wallets in the browser.</summary>
    public async Task<IReadOnlyList<WalletChoice>> DiscoverAsync() =>
        await (await ModuleAsync().ConfigureAwait(false)).InvokeAsync<WalletChoice[]>("discover").ConfigureAwait(false);

    /// <summary>Asks wallet <paramref name="id"/> for its account (the user may refuse: nothing changes then).</summary>
    public async Task<WalletAnswer> ConnectAsync(string id)
    {
        IJSObjectReference module = await ModuleAsync().ConfigureAwait(false);
        _self ??= DotNetObjectReference.Create(this);
        WalletAnswer answer = Answer(await module.InvokeAsync<JsonElement>("connect", id, _self).ConfigureAwait(false));
        if (answer.Result is { } result)
        {
            Account = FirstAccount(result.GetProperty("accounts"));
            ChainId = ParseChainId(result.GetProperty("chainId").GetString());
            Changed?.Invoke();
        }
        return answer;
    }

    /// <summary>Asks the wallet to switch to the platform's chain (<c>wallet_switchEthereumChain</c>).</summary>
    public async Task<WalletAnswer> SwitchChainAsync()
    {
        string chain = "0x" + deployment.ChainId.ToString("x", CultureInfo.InvariantCulture);
        WalletAnswer answer = await RequestAsync("wallet_switchEthereumChain", new object[] { new { chainId = chain } }).ConfigureAwait(false);
        if (answer.Ok)
        {
            WalletAnswer chainId = await RequestAsync("eth_chainId", Array.Empty<object>()).ConfigureAwait(false);
            if (chainId.Result is { } c)
            {
                ChainId = ParseChainId(c.GetString());
                Changed?.Invoke();
            }
        }
        return answer;
    }

    /// <summary>One EIP-1193 request to the connected wallet.</summary>
    public async Task<WalletAnswer> RequestAsync(string method, object parameters) =>
        Answer(await (await ModuleAsync().ConfigureAwait(false)).InvokeAsync<JsonElement>("request", method, parameters).ConfigureAwait(false));

    /// <summary>Offers a file to the browser to save.</summary>
    public async Task DownloadAsync(string name, string text) =>
        await (await ModuleAsync().ConfigureAwait(false)).InvokeVoidAsync("download", name, text).ConfigureAwait(false);

    /// <summary>Keeps <paramref name="text"/> in the browser's localStorage under <paramref name="key"/>.</summary>
    public async Task KeepAsync(string key, string text) =>
        await (await ModuleAsync().ConfigureAwait(false)).InvokeVoidAsync("keep", key, text).ConfigureAwait(false);

    /// <summary>What the browser's localStorage keeps under <paramref name="key"/>, or null.</summary>
    public async Task<string?> KeptAsync(string key) =>
        await (await ModuleAsync().ConfigureAwait(false)).InvokeAsync<string?>("kept", key).ConfigureAwait(false);

    /// <summary>The wallet switched accounts (called by <c>wallet.js</c>).</summary>
    [JSInvokable]
    public void AccountsChanged(string[] accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        Account = accounts.Length > 0 && Address.TryParse(accounts[0], out Address a) ? a : null;
        Changed?.Invoke();
    }

    /// <summary>The wallet switched chains (called by <c>wallet.js</c>).</summary>
    [JSInvokable]
    public void ChainChanged(string chainId)
    {
        ChainId = ParseChainId(chainId);
        Changed?.Invoke();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _self?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync().ConfigureAwait(false);
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone; nothing to release there.
            }
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./wallet.js").ConfigureAwait(false);

    private static WalletAnswer Answer(JsonElement answer) =>
        answer.TryGetProperty("error", out JsonElement error)
            ? new WalletAnswer(null, error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString())
            : new WalletAnswer(answer.GetProperty("result").Clone(), 0, null);

    private static Address? FirstAccount(JsonElement accounts) =>
        accounts.ValueKind == JsonValueKind.Array && accounts.GetArrayLength() > 0 && Address.TryParse(accounts[0].GetString(), out Address a) ? a : null;

    private static ulong? ParseChainId(string? hex) =>
        hex is not null && hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong id) ? id : null;
}
