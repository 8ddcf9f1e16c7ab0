using System.Net;
using System.Net.Sockets;

namespace DaoPlatform.Demo;

/// <summary>
/// The demo's last step on a terminal: <c>daoplatform hub</c> over the demo's devnet, with what a person needs to
/// look around in a browser (the address, and the dev keys to import into a browser wallet), until Ctrl+C.
/// </summary>
public static class HubServing
{
    /// <summary>The port the hub takes when it is free.</summary>
    public const int PreferredPort = 5080;

    /// <summary>Serves the hub until <paramref name="cancellationToken"/> is cancelled (Ctrl+C).</summary>
    /// <exception cref="InvalidOperationException">The hub could not start (its one-line error).</exception>
    /// <param name="cli">The demo's command runner.</param>
    /// <param name="log">Where the instructions go.</param>
    /// <param name="devnet">The devnet's RPC URL.</param>
    /// <param name="content">The content service's folder (the demo's published assets), served with the node account's key.</param>
    /// <param name="passwordFile">The keystores' password in a file: the content service reads its node key's password from a file or the process environment.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public static async Task ServeAsync(CliRunner cli, TextWriter log, Uri devnet, string content, string passwordFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(log);
        int port = IsFree(PreferredPort) ? PreferredPort : FreePort();
        log.WriteLine();
        log.WriteLine("== The hub: the same platform in a browser");
        log.WriteLine($"open http://127.0.0.1:{port}/ (loopback only). In your browser wallet, add the network:");
        log.WriteLine($"  RPC URL {devnet}   chain id 10   currency ETH");
        log.WriteLine("and import these devnet keys (anvil's public test keys: never use them on a real network):");
        foreach ((string name, string key) in DemoScript.Accounts)
        {
            log.WriteLine($"  {name,-9} {key}");
        }
        log.WriteLine("alice, bob and carol own the vault and vote; dora's dataset is on sale under Assets (buy a pass, sign in, download).");
        log.WriteLine("The index catches up in a few seconds. Ctrl+C stops the hub and the devnet.");
        try
        {
            await cli.RunAsync(ContentAccount, HubArguments(port, content, passwordFile),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal end.
        }
    }

    /// <summary>
    /// Serves the hub as <see cref="ServeAsync"/> does, on a free port and without instructions, until it answers
    /// (its content service's <c>auth/nonce</c>), runs <paramref name="check"/> against its URL, then stops it.
    /// </summary>
    /// <exception cref="TimeoutException">The hub did not answer within a minute.</exception>
    /// <exception cref="InvalidOperationException">The hub could not start (its one-line error).</exception>
    public static async Task CheckAsync(CliRunner cli, string content, string passwordFile, Func<Uri, Task> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(check);
        int port = FreePort();
        var hub = new Uri($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task serving = cli.RunAsync(ContentAccount, HubArguments(port, content, passwordFile),
            cancellationToken: stop.Token);
        try
        {
            await WaitUntilAnswersAsync(hub, serving, cancellationToken).ConfigureAwait(false);
            await check(hub).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await serving.ConfigureAwait(false);
            }
            catch (Exception e) when ((e is OperationCanceledException or InvalidOperationException) && stop.IsCancellationRequested)
            {
                // Stopped by us: the normal end.
            }
        }
    }

    private const string ContentAccount = DemoScript.ContentNodeAccount;

    /// <summary>The one <c>daoplatform hub</c> command line that serving and checking both run.</summary>
    private static string[] HubArguments(int port, string content, string passwordFile) =>
        ["hub", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--content", content, "--password-file", passwordFile];

    private static async Task WaitUntilAnswersAsync(Uri hub, Task serving, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (serving.IsCompleted)
            {
                await serving.ConfigureAwait(false); // its one-line error
                throw new InvalidOperationException("the hub stopped before it answered");
            }
            try
            {
                using HttpResponseMessage answer = await http.GetAsync(new Uri(hub, "auth/nonce"), cancellationToken).ConfigureAwait(false);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer: ask again.
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"the hub at {hub} did not answer within a minute");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
