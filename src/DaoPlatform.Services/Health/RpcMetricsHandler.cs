using System.Diagnostics;
using System.Text.Json;

namespace DaoPlatform.Services.Health;

/// <summary>
/// Times every JSON-RPC HTTP request the node makes and counts the failed ones (no answer, a timeout, an HTTP
/// error status) in <see cref="NodeMetrics"/>, labelled by the request's <c>method</c> (<c>batch</c> for a batch).
/// JSON-RPC error objects inside a 200 answer (a revert, an unknown block) are answers, not failures of the node.
/// </summary>
public sealed class RpcMetricsHandler(NodeMetrics metrics) : DelegatingHandler(new SocketsHttpHandler())
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string method = request.Content is null ? "unknown" : MethodOf(await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        long start = Stopwatch.GetTimestamp();
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.Rpc(method, Stopwatch.GetElapsedTime(start), failed: !response.IsSuccessStatusCode);
            return response;
        }
        catch
        {
            metrics.Rpc(method, Stopwatch.GetElapsedTime(start), failed: true);
            throw;
        }
    }

    /// <summary>The <c>method</c> of a JSON-RPC request body; <c>batch</c> for an array, <c>unknown</c> when there is none.</summary>
    internal static string MethodOf(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
            {
                return "unknown";
            }
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                return "batch";
            }
            while (reader.Read() && reader.CurrentDepth >= 1)
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("method"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : "unknown";
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }
        return "unknown";
    }
}
