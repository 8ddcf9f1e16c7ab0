using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// A JSON-RPC 2.0 client over HTTP. Sends single calls or batches (one HTTP request, answers matched
/// by id), checks that every answer is well-formed JSON-RPC for its request, and maps node errors
/// to typed exceptions: <see cref="ExecutionRevertedException"/>, the transaction rejections
/// <see cref="NonceTooLowException"/>, <see cref="ReplacementUnderpricedException"/>, <see cref="AlreadyKnownException"/>,
/// <see cref="InsufficientFundsException"/> and <see cref="IntrinsicGasTooLowException"/> in every common node's wording,
/// otherwise <see cref="RpcErrorException"/>. Revert payloads are decoded with the
/// <see cref="RevertDecoder"/> given (built-in <c>Error</c>/<c>Panic</c> only when none is).
/// </summary>
public sealed class JsonRpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RevertDecoder _revertDecoder;
    private long _nextId;

    /// <summary>Creates a client for the node at <paramref name="url"/>.</summary>
    /// <param name="url">The node's HTTP JSON-RPC endpoint.</param>
    /// <param name="httpClient">The HTTP client to use (not disposed by this client); null creates one.</param>
    /// <param name="revertDecoder">Decodes revert payloads, knowing the custom errors of the contracts called.</param>
    public JsonRpcClient(Uri url, HttpClient? httpClient = null, RevertDecoder? revertDecoder = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _revertDecoder = revertDecoder ?? new RevertDecoder();
    }

    /// <summary>The node's endpoint.</summary>
    public Uri Url { get; }

    /// <summary>Sends one call and reads its result.</summary>
    /// <exception cref="RpcTransportException">The node could not be reached.</exception>
    /// <exception cref="RpcProtocolException">The answer is not a valid JSON-RPC response for this call.</exception>
    /// <exception cref="RpcErrorException">The node answered with an error.</exception>
    public async Task<T> SendAsync<T>(RpcCall<T> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        long id = Interlocked.Increment(ref _nextId);
        byte[] body = WriteRequests([(id, call.Method, call.Parameters)], asArray: false);
        using JsonDocument answer = await PostAsync(body, call.Method, cancellationToken).ConfigureAwait(false);
        JsonElement response = answer.RootElement;
        string path = $"{call.Method} response";
        RpcJson.RequireObject(response, path);
        CheckVersion(response, path);
        JsonElement answeredId = RpcJson.Required(response, "id", path);
        if (answeredId.ValueKind == JsonValueKind.Null && response.TryGetProperty("error", out _))
        {
            // The node could not read the request's id (a parse error or invalid request): its error says why.
            ReadOutcome(response, call.Method, path, out RpcErrorException? unattributed);
            throw unattributed!;
        }
        if (answeredId.ValueKind != JsonValueKind.Number || !answeredId.TryGetInt64(out long idValue) || idValue != id)
        {
            throw new RpcProtocolException($"{path}: id is {answeredId.GetRawText()}; the request's id was {id}.");
        }
        return ReadOutcome(response, call.Method, path, out RpcErrorException? error) is JsonElement result
            ? call.ReadResult(result)
            : throw error!;
    }

    /// <summary>
    /// Sends every call of <paramref name="batch"/> in one HTTP request. Afterwards each item holds its
    /// result or the error the node answered it with.
    /// </summary>
    /// <exception cref="RpcTransportException">The node could not be reached.</exception>
    /// <exception cref="RpcProtocolException">The answer is not a valid batch answer: not an array, an unknown, duplicate or missing id, a malformed member.</exception>
    /// <exception cref="RpcErrorException">The node rejected the batch as a whole.</exception>
    public async Task SendBatchAsync(RpcBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }
        var byId = new Dictionary<long, IRpcBatchEntry>(batch.Count);
        var requests = new List<(long, string, JsonArray)>(batch.Count);
        foreach (IRpcBatchEntry entry in batch.Entries)
        {
            long id = Interlocked.Increment(ref _nextId);
            byId.Add(id, entry);
            requests.Add((id, entry.Method, entry.Parameters));
        }
        const string BatchName = "batch";
        using JsonDocument answer = await PostAsync(WriteRequests(requests, asArray: true), BatchName, cancellationToken).ConfigureAwait(false);
        JsonElement root = answer.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            // A node that refuses the whole batch answers with one error object.
            CheckVersion(root, "batch response");
            ReadOutcome(root, BatchName, "batch response", out RpcErrorException? error);
            throw (RpcException?)error ?? new RpcProtocolException("batch response: a single result instead of an array of answers.");
        }
        RpcJson.RequireArray(root, "batch response");
        var answered = new HashSet<long>();
        int index = 0;
        foreach (JsonElement response in root.EnumerateArray())
        {
            string path = $"batch response[{index++}]";
            RpcJson.RequireObject(response, path);
            CheckVersion(response, path);
            JsonElement idElement = RpcJson.Required(response, "id", path);
            if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out long id) || !byId.TryGetValue(id, out IRpcBatchEntry? entry))
            {
                throw new RpcProtocolException($"{path}: id {idElement.GetRawText()} matches no request of the batch.");
            }
            if (!answered.Add(id))
            {
                throw new RpcProtocolException($"{path}: id {id} is answered twice.");
            }
            path = $"{path} ({entry.Method})";
            if (ReadOutcome(response, entry.Method, path, out RpcErrorException? error) is JsonElement result)
            {
                entry.Complete(result);
            }
            else
            {
                entry.Fail(error!);
            }
        }
        if (answered.Count != byId.Count)
        {
            string missing = string.Join(", ", byId.Where(p => !answered.Contains(p.Key)).Select(p => $"{p.Value.Method} (id {p.Key})"));
            throw new RpcProtocolException($"batch response: no answer for {missing}.");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static byte[] WriteRequests(IReadOnlyList<(long Id, string Method, JsonArray Parameters)> requests, bool asArray)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (asArray)
            {
                writer.WriteStartArray();
            }
            foreach ((long id, string method, JsonArray parameters) in requests)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", id);
                writer.WriteString("method", method);
                writer.WritePropertyName("params");
                parameters.WriteTo(writer);
                writer.WriteEndObject();
            }
            if (asArray)
            {
                writer.WriteEndArray();
            }
        }
        return buffer.WrittenSpan.ToArray();
    }

    private async Task<JsonDocument> PostAsync(byte[] body, string what, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        HttpResponseMessage response;
        byte[] answer;
        try
        {
            response = await _http.PostAsync(Url, content, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode && !LooksLikeJson(answer))
                {
                    throw new RpcTransportException(Url, $"{what}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
            }
        }
        catch (HttpRequestException e)
        {
            throw new RpcTransportException(Url, $"{what}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcTransportException(Url, $"{what}: no answer within {_http.Timeout.TotalSeconds:0.#} s.", e);
        }
        try
        {
            return JsonDocument.Parse(answer);
        }
        catch (JsonException e)
        {
            string preview = RpcJson.Shorten(System.Text.Encoding.UTF8.GetString(answer));
            throw new RpcProtocolException($"{what} response is not JSON ({e.Message}): '{preview}'", e);
        }
    }

    private static bool LooksLikeJson(byte[] answer) =>
        answer.AsSpan().TrimStart(" \t\r\n"u8) is { Length: > 0 } trimmed && (trimmed[0] == (byte)'{' || trimmed[0] == (byte)'[');

    private static void CheckVersion(JsonElement response, string path)
    {
        JsonElement version = RpcJson.Required(response, "jsonrpc", path);
        if (version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw new RpcProtocolException($"{path}: jsonrpc is {version.GetRawText()}; expected \"2.0\".");
        }
    }

    /// <summary>The result member, or null with <paramref name="error"/> set from the error member.</summary>
    private JsonElement? ReadOutcome(JsonElement response, string method, string path, out RpcErrorException? error)
    {
        bool hasResult = response.TryGetProperty("result", out JsonElement result);
        bool hasError = response.TryGetProperty("error", out JsonElement errorObject);
        if (hasResult == hasError)
        {
            throw new RpcProtocolException(hasResult
                ? $"{path}: has both result and error."
                : $"{path}: has neither result nor error.");
        }
        if (hasResult)
        {
            error = null;
            return result;
        }
        error = ReadError(errorObject, method, $"{path} error");
        return null;
    }

    private RpcErrorException ReadError(JsonElement error, string method, string path)
    {
        JsonElement codeElement = RpcJson.Required(error, "code", path);
        if (codeElement.ValueKind != JsonValueKind.Number || !codeElement.TryGetInt64(out long code))
        {
            throw new RpcProtocolException($"{path}: code {codeElement.GetRawText()} is not an integer.");
        }
        string message = RpcJson.ReadString(RpcJson.Required(error, "message", path), $"{path}.message", "a message");
        JsonElement? data = RpcJson.Optional(error, "data", path);
        string? dataJson = data?.GetRawText();
        if (code == 3 || message.StartsWith("execution reverted", StringComparison.OrdinalIgnoreCase))
        {
            byte[] revertData = data is { ValueKind: JsonValueKind.String } hex ? RpcJson.ReadData(hex, $"{path}.data") : [];
            return new ExecutionRevertedException(method, code, message, dataJson, _revertDecoder.Decode(revertData));
        }
        return NodeErrorWordings.Classify(method, code, message, dataJson);
    }
}
