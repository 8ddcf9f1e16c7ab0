using System.Diagnostics;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// The hub as users run it: its own process (<c>dotnet DaoPlatform.Hub.dll</c> from the build output) on Kestrel at
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

    public static async Task<HubProcess> StartAsync(Uri rpcUrl, string deployment, string dataDirectory)
    {
        string configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
        string bin = Path.Combine(Repository.Root, "src", "DaoPlatform.Hub", "bin", configuration, "net10.0");
        var url = new Uri($"http://127.0.0.1:{Devnet.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(bin, "DaoPlatform.Hub.dll")])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["Hub__RpcUrl"] = rpcUrl.ToString();
        start.Environment["Hub__Deployment"] = deployment;
        start.Environment["Hub__DataDirectory"] = dataDirectory;
        start.Environment["Index__PollInterval"] = "00:00:00.250";
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
                throw new InvalidOperationException($"the hub exited with code {hub._process.ExitCode}:\n{hub.Log}");
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
