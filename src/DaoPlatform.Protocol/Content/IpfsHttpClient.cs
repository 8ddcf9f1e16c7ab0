using System.Net;

namespace DaoPlatform.Protocol.Content;

/// <summary>
/// The HTTP exchange shared by the gateway and Kubo stores: one request, its status and body read up to
/// a limit, transport failures and timeouts turned into <see cref="ContentStoreException"/>s naming the URL.
/// </summary>
internal sealed class IpfsHttpClient : IDisposable
{
    /// <summary>The largest block accepted: Kubo refuses blocks over 2 MiB (its bitswap limit); twice that leaves room.</summary>
    public const int MaxBlockBytes = 4 << 20;

    private readonly HttpClient _http;
    private readonly string _what;

    public IpfsHttpClient(Uri baseUrl, TimeSpan timeout, string what)
    {
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { Timeout = timeout };
        _what = what;
    }

    public Uri BaseUrl { get; }

    public Uri Resolve(string relative) => new(BaseUrl, relative);

    /// <summary>Sends <paramref name="request"/>; returns the status and a body of at most <paramref name="maxBytes"/>.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpRequestMessage request, int maxBytes, CancellationToken cancellationToken)
    {
        Uri url = request.RequestUri!;
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new ContentStoreException($"{_what} {url}: the answer has {response.Content.Headers.ContentLength} bytes; at most {maxBytes} are accepted.");
            }
            await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var body = new MemoryStream();
            byte[] buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    throw new ContentStoreException($"{_what} {url}: the answer exceeds {maxBytes} bytes.");
                }
                body.Write(buffer, 0, read);
            }
            return (response.StatusCode, body.ToArray());
        }
        catch (HttpRequestException error)
        {
            throw new ContentStoreException($"{_what} {url}: {error.Message}", error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ContentStoreException($"{_what} {url}: no answer within {_http.Timeout.TotalSeconds:0.#} s.", error);
        }
        catch (IOException error)
        {
            throw new ContentStoreException($"{_what} {url}: the answer broke off: {error.Message}", error);
        }
    }

    /// <summary>An error for an unexpected status, quoting the start of the body.</summary>
    public ContentStoreException Failure(Uri url, HttpStatusCode status, byte[] body)
    {
        string text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim();
        return new ContentStoreException($"{_what} {url}: HTTP {(int)status} {status}{(text.Length > 0 ? ": " + text : "")}");
    }

    public void Dispose() => _http.Dispose();
}
