using System.Net;
using System.Text;
using System.Text.Json;

namespace DaoPlatform.Ethereum.Tests.JsonRpc;

/// <summary>
/// An HTTP handler that answers every JSON-RPC request with a body the test writes:
/// used only to feed the client answers the devnet cannot give: malformed ones no real node gives (protocol
/// conformance), and other clients' error wordings, as their sources write them.
/// </summary>
internal sealed class StubNode : HttpMessageHandler
{
    private readonly Func<JsonElement, string> _answer;
    private readonly HttpStatusCode _status;
    private readonly string _mediaType;

    /// <param name="answer">Writes the response body from the parsed request body.</param>
    /// <param name="status">The HTTP status of every answer.</param>
    /// <param name="mediaType">The content type of every answer.</param>
    public StubNode(Func<JsonElement, string> answer, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json")
    {
        _answer = answer;
        _status = status;
        _mediaType = mediaType;
    }

    public static Uri Url { get; } = new("http://stub.invalid/rpc");

    /// <summary>The id of a single request, as raw JSON.</summary>
    public static string Id(JsonElement request) => request.GetProperty("id").GetRawText();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = await request.Content!.ReadAsStringAsync(cancellationToken);
        using JsonDocument parsed = JsonDocument.Parse(body);
        return new HttpResponseMessage(_status)
        {
            Content = new StringContent(_answer(parsed.RootElement), Encoding.UTF8, _mediaType),
        };
    }
}
