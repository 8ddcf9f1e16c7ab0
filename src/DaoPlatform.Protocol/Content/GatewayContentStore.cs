using System.Net;
using System.Net.Http.Headers;

namespace DaoPlatform.Protocol.Content;

/// <summary>
/// Reads content from an IPFS HTTP gateway block by block (the trustless gateway specification,
/// specs.ipfs.tech/http-gateways/trustless-gateway: <c>GET /ipfs/&lt;cid&gt;?format=raw</c> with
/// <c>Accept: application/vnd.ipld.raw</c>), verifying each block and walking dag-pb UnixFS DAGs,
/// so the gateway need not be trusted. Gateways are read-only: <see cref="PutAsync"/> is not supported.
/// </summary>
public sealed class GatewayContentStore : BlockContentStore, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue RawBlock = new("application/vnd.ipld.raw");

    private readonly IpfsHttpClient _http;

    /// <summary>Creates the store for the gateway at <paramref name="gatewayUrl"/>.</summary>
    public GatewayContentStore(Uri gatewayUrl, TimeSpan requestTimeout, long maxContentBytes)
        : base(maxContentBytes)
    {
        ArgumentNullException.ThrowIfNull(gatewayUrl);
        _http = new IpfsHttpClient(gatewayUrl, requestTimeout, "IPFS gateway");
    }

    /// <summary>Not supported: a gateway is read-only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override Task<Cid> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The IPFS gateway {_http.BaseUrl} is read-only; put content through a Kubo node or the local store.");

    /// <inheritdoc/>
    public override async Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return await GetBlockAsync(cid, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>The URL of <paramref name="cid"/>'s raw block.</summary>
    public override string Locate(Cid cid) => _http.Resolve($"ipfs/{cid}?format=raw").AbsoluteUri;

    /// <inheritdoc/>
    protected override async Task<byte[]?> GetBlockAsync(Cid cid, CancellationToken cancellationToken)
    {
        var url = new Uri(Locate(cid));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(RawBlock);
        (HttpStatusCode status, byte[] body) = await _http.SendAsync(request, IpfsHttpClient.MaxBlockBytes, cancellationToken).ConfigureAwait(false);
        return status switch
        {
            HttpStatusCode.OK => body,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => null,
            _ => throw _http.Failure(url, status, body),
        };
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
