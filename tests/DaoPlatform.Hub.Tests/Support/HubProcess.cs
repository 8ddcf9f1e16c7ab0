using System.Diagnostics;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// The hub as users run it: its own process (<c>dotnet DaoPlatform.Hub.dll</c>, or the node's with the Hub role, from the build output) on Kestrel at
/// 127.0.0.1 on a free port, over a node and a deployment record, with its own data directory.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private HubProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>What the hub wrote so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The hub's own executable; <paramref name="settings"/> adds configuration (e.g. <c>Hub__Content__Folder</c>).</summary>
    public static Task<HubProcess> StartAsync(Uri rpcUrl, string deployment, string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = new Uri($"http://127.0.0.1:{Devnet.FreePort()}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url.ToString(),
            ["Hub__RpcUrl"] = rpcUrl.ToString(),
            ["Hub__Deployment"] = deployment,
            ["Hub__DataDirectory"] = dataDirectory,
            ["Index__PollInterval"] = "00:00:00.250",
        };
        foreach ((string name, string value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
        return StartAsync("DaoPlatform.Hub", url, environment);
    }

    /// <summary>
    /// The executable of project <paramref name="project"/> (<c>DaoPlatform.Hub</c>, <c>DaoPlatform.Node</c>) from its build
    /// output with <paramref name="environment"/>, once <c>/api/status</c> answers at <paramref name="url"/>.
    /// </summary>
    public static async Task<HubProcess> StartAsync(string project, Uri url, IReadOnlyDictionary<string, string> environment)
    {
        string configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
        string bin = Path.Combine(Repository.Root, "src", project, "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(bin, project + ".dll")])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }
        var hub = new HubProcess(Process.Start(start)!, url);
        hub._process.OutputDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(60);)
        {
            if (hub._process.HasExited)
            {
                throw new InvalidOperationException($"{project} exited with code {hub._process.ExitCode}:\n{hub.Log}");
            }
            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(url, "/api/status"));
                if (response.IsSuccessStatusCode)
                {
                    return hub;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        await hub.DisposeAsync();
        throw new TimeoutException($"the hub did not answer within 60 s:\n{hub.Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
