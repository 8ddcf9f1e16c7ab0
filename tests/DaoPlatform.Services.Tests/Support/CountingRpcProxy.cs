using System.Net;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.IntegrationTests;

namespace DaoPlatform.Services.Tests.Support;

/// <summary>One HTTP request the client made: a single call or a batch, with the method of each call and the first topic of each <c>eth_getLogs</c> filter.</summary>
public sealed record RpcRequest(bool IsBatch, IReadOnlyList<string> Methods, IReadOnlyList<string?> LogTopics);

/// <summary>
/// A JSON-RPC proxy that forwards every request faithfully to an upstream node (the devnet) and records what it
/// carried, so a test counts the requests a client makes at the transport: one HTTP request per single call, one
/// per batch whatever its size.
/// </summary>
public sealed class CountingRpcProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<RpcRequest> _requests = [];
    private readonly Task _loop;

    /// <summary>Starts a proxy in front of <paramref name="upstream"/>.</summary>
    public CountingRpcProxy(Uri upstream)
    {
        Upstream = upstream;
        Url = new Uri($"http://127.0.0.1:{Devnet.FreePort()}/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The proxy's endpoint: give this to the client under test.</summary>
    public Uri Url { get; }

    /// <summary>The node requests are forwarded to.</summary>
    public Uri Upstream { get; }

    /// <summary>The requests recorded since the last <see cref="Take"/>, oldest first, and forgets them.</summary>
    public IReadOnlyList<RpcRequest> Take()
    {
        lock (_lock)
        {
            RpcRequest[] taken = [.. _requests];
            _requests.Clear();
            return taken;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _upstream.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            byte[] body;
            using (var buffer = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(buffer, _stopping.Token).ConfigureAwait(false);
                body = buffer.ToArray();
            }
            Record(JsonNode.Parse(body));
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await _upstream.PostAsync(Upstream, content, _stopping.Token).ConfigureAwait(false);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(_stopping.Token).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer, _stopping.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The proxy is stopping, or the client gave up: nothing to answer.
        }
    }

    private void Record(JsonNode? request)
    {
        JsonObject?[] calls = request is JsonArray batch ? [.. batch.Select(c => c as JsonObject)] : [request as JsonObject];
        var methods = calls.Select(c => c?["method"]?.GetValue<string>() ?? "?").ToArray();
        var topics = calls
            .Where(c => c?["method"]?.GetValue<string>() == "eth_getLogs")
            .Select(c => c!["params"]?[0]?["topics"]?[0] is JsonNode topic ? topic.ToJsonString().Trim('"', '[', ']') : null)
            .ToArray();
        lock (_lock)
        {
            _requests.Add(new RpcRequest(request is JsonArray, methods, topics));
        }
    }
}
