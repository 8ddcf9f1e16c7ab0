using System.Net;
using System.Text.Json;

namespace DaoPlatform.Protocol.Content;

/// <summary>
/// Content on a Kubo node through its RPC API (docs.ipfs.tech/reference/kubo/rpc): put with
/// <c>POST /api/v0/add?cid-version=1&amp;raw-leaves=true&amp;chunker=size-262144</c>, checking that Kubo
/// names the content with the CID computed here; get block by block with <c>POST /api/v0/block/get</c>,
/// verifying each block; has with <c>POST /api/v0/block/stat</c> offline.
/// </summary>
public sealed class KuboContentStore : BlockContentStore, IDisposable
{
    /// <summary>Kubo's answer to add is one JSON line per file; a few KiB at most.</summary>
    private const int MaxAnswerBytes = 64 << 10;

    private readonly IpfsHttpClient _http;

    /// <summary>Creates the store for the Kubo RPC API at <paramref name="kuboUrl"/> (e.g. <c>http://127.0.0.1:5001/</c>).</summary>
    public KuboContentStore(Uri kuboUrl, TimeSpan requestTimeout, long maxContentBytes)
        : base(maxContentBytes)
    {
        ArgumentNullException.ThrowIfNull(kuboUrl);
        _http = new IpfsHttpClient(kuboUrl, requestTimeout, "Kubo RPC");
    }

    /// <inheritdoc/>
    public override async Task<Cid> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        Cid expected = UnixFsImporter.Import(content).Root;
        Uri url = _http.Resolve($"api/v0/add?cid-version=1&raw-leaves=true&chunker=size-{UnixFsImporter.ChunkSize}&hash=sha2-256&pin=true&quiet=true");
        using var form = new MultipartFormDataContent();
        form.Add(new ReadOnlyMemoryContent(content), "file", "content");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        (HttpStatusCode status, byte[] body) = await _http.SendAsync(request, MaxAnswerBytes, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw _http.Failure(url, status, body);
        }
        string answered = ReadAddedHash(url, body);
        if (answered != expected.ToString())
        {
            throw new ContentStoreException($"Kubo RPC {url} stored the content as {answered}; `ipfs add --cid-version 1` gives {expected}.");
        }
        return expected;
    }

    /// <inheritdoc/>
    public override async Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        Uri url = _http.Resolve($"api/v0/block/stat?arg={cid}&offline=true");
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        (HttpStatusCode status, byte[] body) = await _http.SendAsync(request, MaxAnswerBytes, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.OK)
        {
            return true;
        }
        return IsNotFound(status, body) ? false : throw _http.Failure(url, status, body);
    }

    /// <summary>The RPC URL that fetches <paramref name="cid"/>'s block.</summary>
    public override string Locate(Cid cid) => _http.Resolve($"api/v0/block/get?arg={cid}").AbsoluteUri;

    /// <inheritdoc/>
    protected override async Task<byte[]?> GetBlockAsync(Cid cid, CancellationToken cancellationToken)
    {
        var url = new Uri(Locate(cid));
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        (HttpStatusCode status, byte[] body) = await _http.SendAsync(request, IpfsHttpClient.MaxBlockBytes, cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.OK ? body
            : IsNotFound(status, body) ? null
            : throw _http.Failure(url, status, body);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    /// <summary>Kubo answers a missing block with HTTP 500 and a JSON error whose Message says "not found".</summary>
    private static bool IsNotFound(HttpStatusCode status, byte[] body)
    {
        if (status == HttpStatusCode.NotFound)
        {
            return true;
        }
        if (status != HttpStatusCode.InternalServerError)
        {
            return false;
        }
        try
        {
            using JsonDocument error = JsonDocument.Parse(body);
            return error.RootElement.ValueKind == JsonValueKind.Object
                && error.RootElement.TryGetProperty("Message", out JsonElement message)
                && message.ValueKind == JsonValueKind.String
                && message.GetString()!.Contains("not found", StringComparison.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The Hash of the last line of an add answer (one JSON object per line, the root last).</summary>
    private static string ReadAddedHash(Uri url, byte[] body)
    {
        string[] lines = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            using JsonDocument last = JsonDocument.Parse(lines.Length > 0 ? lines[^1] : "");
            return last.RootElement.ValueKind == JsonValueKind.Object
                && last.RootElement.TryGetProperty("Hash", out JsonElement hash)
                && hash.ValueKind == JsonValueKind.String
                ? hash.GetString()!
                : throw new ContentStoreException($"Kubo RPC {url}: the add answer has no Hash: '{lines[^1]}'.");
        }
        catch (JsonException error)
        {
            throw new ContentStoreException($"Kubo RPC {url}: the add answer is not JSON: {error.Message}", error);
        }
    }
}
