using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.IntegrationTests;

namespace DaoPlatform.Services.Tests.Support;

/// <summary>One HTTP request the client made: a single call or a batch, with the method of each call and the first topic of each <c>eth_getLogs</c> filter.</summary>
public sealed record RpcRequest(bool IsBatch, IReadOnlyList<string> Methods, IReadOnlyList<string?> LogTopics);

/// <summary>
/// A JSON-RPC proxy for fault and counting tests: listens on 127.0.0.1 on a free port and forwards every request to an
/// upstream node (the devnet), except those a test has told it to spoil with an <see cref="RpcFault"/>, for
/// the next N matching requests (<see cref="Inject"/>) or for a period (<see cref="InjectFor"/>). A fault
/// bound to a method (receipts, logs) leaves other methods alone and does not count them. It records every request
/// it receives (<see cref="Take"/>), so a test counts what a client asks at the transport: one HTTP request per single
/// call, one per batch whatever its size.
/// </summary>
public sealed class FaultyRpcProxy : IDisposable
{
    /// <summary>The JSON-RPC error code of <see cref="RpcFault.Error"/> answers (geth's generic server error).</summary>
    public const long ErrorCode = -32000;

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<Rule> _rules = [];
    private readonly List<RpcRequest> _requests = [];
    private readonly Task _loop;
    private int _faultsServed;
    private int _forwarded;

    /// <summary>Starts a proxy in front of <paramref name="upstream"/>.</summary>
    public FaultyRpcProxy(Uri upstream)
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

    /// <summary>How long a <see cref="RpcFault.Timeout"/> holds a request; longer than the client's timeout.</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests answered with a fault so far.</summary>
    public int FaultsServed => Volatile.Read(ref _faultsServed);

    /// <summary>Requests forwarded faithfully so far.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Spoils the next <paramref name="count"/> requests (of <paramref name="method"/>, or of the fault's own method, or any).</summary>
    public void Inject(RpcFault fault, int count, string? method = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            _rules.Add(new Rule(fault, method ?? MethodOf(fault), count, DateTimeOffset.MaxValue));
        }
    }

    /// <summary>Spoils every matching request for <paramref name="period"/> from now.</summary>
    public void InjectFor(RpcFault fault, TimeSpan period, string? method = null)
    {
        lock (_lock)
        {
            _rules.Add(new Rule(fault, method ?? MethodOf(fault), int.MaxValue, DateTimeOffset.UtcNow + period));
        }
    }

    /// <summary>The requests received since the last <see cref="Take"/>, oldest first, and forgets them.</summary>
    public IReadOnlyList<RpcRequest> Take()
    {
        lock (_lock)
        {
            RpcRequest[] taken = [.. _requests];
            _requests.Clear();
            return taken;
        }
    }

    /// <summary>Forwards everything faithfully from now on.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
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

    private static string? MethodOf(RpcFault fault) => fault switch
    {
        RpcFault.ForeignReceipt => "eth_getTransactionReceipt",
        RpcFault.LogOutsideRange => "eth_getLogs",
        _ => null,
    };

    /// <summary>The fault for a request of <paramref name="method"/>, consuming one use of its rule; null to forward.</summary>
    private RpcFault? TakeFault(string? method)
    {
        lock (_lock)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            _rules.RemoveAll(r => r.Remaining == 0 || r.Until <= now);
            Rule? rule = _rules.FirstOrDefault(r => r.Method is null || r.Method == method);
            if (rule is null)
            {
                return null;
            }
            if (rule.Remaining != int.MaxValue)
            {
                rule.Remaining--;
            }
            return rule.Fault;
        }
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
            // Each request on its own task, so a held (timed-out) request does not block the others.
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
            JsonNode? request = JsonNode.Parse(body);
            Record(request);
            string? method = (request as JsonObject)?["method"]?.GetValue<string>();
            RpcFault? fault = TakeFault(method);
            if (fault is null)
            {
                Interlocked.Increment(ref _forwarded);
                (HttpStatusCode status, byte[] answer) = await ForwardAsync(body).ConfigureAwait(false);
                await WriteAsync(context, status, answer).ConfigureAwait(false);
                return;
            }
            Interlocked.Increment(ref _faultsServed);
            switch (fault.Value)
            {
                case RpcFault.Error:
                    var error = new JsonObject { ["code"] = ErrorCode, ["message"] = "injected fault: the node is overloaded" };
                    await WriteAsync(context, HttpStatusCode.OK, Answer(request, "error", error)).ConfigureAwait(false);
                    break;
                case RpcFault.Timeout:
                    await Task.Delay(TimeoutDelay, _stopping.Token).ConfigureAwait(false);
                    context.Response.Abort();
                    break;
                case RpcFault.MalformedJson:
                    await WriteAsync(context, HttpStatusCode.OK, Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":0x1")).ConfigureAwait(false);
                    break;
                default:
                    (HttpStatusCode status, byte[] answer) = await ForwardAsync(body).ConfigureAwait(false);
                    await WriteAsync(context, status, Spoil(fault.Value, request!, answer)).ConfigureAwait(false);
                    break;
            }
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

    private async Task<(HttpStatusCode, byte[])> ForwardAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await _upstream.PostAsync(Upstream, content, _stopping.Token).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(_stopping.Token).ConfigureAwait(false));
    }

    /// <summary>A receipt rewritten to another transaction's hash, or logs with one from past the requested range.</summary>
    private static byte[] Spoil(RpcFault fault, JsonNode request, byte[] answer)
    {
        JsonObject response = JsonNode.Parse(answer)!.AsObject();
        if (fault == RpcFault.ForeignReceipt && response["result"] is JsonObject receipt)
        {
            string hash = receipt["transactionHash"]!.GetValue<string>();
            receipt["transactionHash"] = hash[..^1] + (hash[^1] == '0' ? '1' : '0');
        }
        else if (fault == RpcFault.LogOutsideRange && response["result"] is JsonArray logs)
        {
            JsonObject filter = request["params"]![0]!.AsObject();
            ulong outside = filter["toBlock"]?.GetValue<string>() is string to && to.StartsWith("0x", StringComparison.Ordinal)
                ? ulong.Parse(to.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) + 1
                : 0xFFFF_FFFF;
            JsonNode? address = filter["address"] is JsonArray many ? many[0]?.DeepClone() : filter["address"]?.DeepClone();
            string zero = "0x" + new string('0', 64);
            logs.Add(new JsonObject
            {
                ["address"] = address ?? "0x" + new string('0', 40),
                ["topics"] = new JsonArray(),
                ["data"] = "0x",
                ["blockNumber"] = "0x" + outside.ToString("x", CultureInfo.InvariantCulture),
                ["blockHash"] = zero,
                ["transactionHash"] = zero,
                ["transactionIndex"] = "0x0",
                ["logIndex"] = "0x0",
                ["removed"] = false,
            });
        }
        return Encoding.UTF8.GetBytes(response.ToJsonString());
    }

    private static byte[] Answer(JsonNode? request, string member, JsonNode value) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = (request as JsonObject)?["id"]?.DeepClone(),
            [member] = value,
        }.ToJsonString());

    private static async Task WriteAsync(HttpListenerContext context, HttpStatusCode status, byte[] body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        context.Response.Close();
    }

    private sealed class Rule(RpcFault fault, string? method, int remaining, DateTimeOffset until)
    {
        public RpcFault Fault { get; } = fault;

        public string? Method { get; } = method;

        public int Remaining { get; set; } = remaining;

        public DateTimeOffset Until { get; } = until;
    }
}
