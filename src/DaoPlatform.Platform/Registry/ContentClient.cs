using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.SignIn;

namespace DaoPlatform.Platform.Registry;

/// <summary>
/// A client of a node's content service (<c>MapAssetContent</c>): signs in with Sign-In with Ethereum (EIP-4361,
/// <c>personal_sign</c> of a message naming the service's host, a server nonce and the chain) and downloads an asset
/// to a file, resuming a partial download (<c>Range</c>) and checking the keccak-256 of the whole file against the
/// registry's content hash before the file takes its name.
/// </summary>
public sealed class ContentClient(HttpClient http, Uri service)
{
    /// <summary>The service's refusal code (<c>AssetContentEndpoints</c>) when no pass lets this session have the bytes asked for.</summary>
    private const string NoValidPass = "no_valid_pass";

    /// <summary>Signs in as <paramref name="key"/>'s account on chain <paramref name="chainId"/>; returns the session's bearer token.</summary>
    /// <exception cref="PlatformException">
    /// The service cannot be reached or no content service answers at its URL (<see cref="PlatformErrorKind.Unavailable"/>),
    /// or it refused the sign-in (<see cref="PlatformErrorKind.Refused"/>; its message says why).
    /// </exception>
    public async Task<string> SignInAsync(EthereumKey key, ulong chainId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using JsonDocument issued = await SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(service, "auth/nonce")), "ask for a sign-in nonce", cancellationToken).ConfigureAwait(false);
        string nonce = StringProperty(issued, "nonce") ?? throw NoContentService();
        var message = new SiweMessage
        {
            Scheme = service.Scheme,
            Domain = service.Authority,
            Address = key.Address.ToChecksumString(),
            Statement = "Sign in to download DaoPlatform assets.",
            Uri = service.GetLeftPart(UriPartial.Authority) + "/",
            ChainId = chainId,
            Nonce = nonce,
            IssuedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        string text = message.ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service, "auth/sign-in"))
        {
            Content = JsonContent.Create(new { message = text, signature = PersonalMessage.Sign(key, text).ToString() }),
        };
        using JsonDocument session = await SendAsync(request, "sign in", cancellationToken).ConfigureAwait(false);
        return StringProperty(session, "token") ?? throw PlatformException.Refused($"the content service {service} answered the sign-in without a token");
    }

    /// <summary>
    /// Downloads asset <paramref name="assetId"/> with pass <paramref name="passId"/> to <paramref name="path"/>: into
    /// <c>path.part</c> (resumed from its length when it exists), then, when its keccak-256 equals
    /// <paramref name="contentHash"/>, renamed to <paramref name="path"/>. Returns the number of bytes this call received.
    /// Every byte that arrives is in <c>path.part</c> before an error is reported, so that a later call can resume.
    /// </summary>
    /// <exception cref="PlatformException">
    /// <see cref="PlatformErrorKind.Unavailable"/>: the service cannot be reached, failed (HTTP 5xx), or stopped sending
    /// midway (the message names the bytes kept in <c>path.part</c>). <see cref="PlatformErrorKind.Refused"/>: the service
    /// refused (no valid pass, ...; its message says why; for a resume it says to delete <c>path.part</c> to start over),
    /// or the bytes do not match the content hash (the partial file is deleted).
    /// </exception>
    public async Task<long> DownloadAsync(string token, BigInteger assetId, BigInteger passId, string path, ReadOnlyMemory<byte> contentHash, CancellationToken cancellationToken = default)
    {
        string partial = path + ".part";
        string action = $"download asset {assetId}";
        long have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service, $"assets/{assetId}/content?pass={passId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }
        long received;
        using (HttpResponseMessage response = await SendRawAsync(request, action, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                File.Delete(partial); // longer than the asset: not a prefix of it
                throw PlatformException.Refused($"the partial download {partial} was longer than asset {assetId}; it was removed, run the download again");
            }
            if (!response.IsSuccessStatusCode)
            {
                Refusal refusal = await ReadRefusalAsync(response, cancellationToken).ConfigureAwait(false);
                if (have > 0 && refusal.Code == NoValidPass)
                {
                    // The service lets only the session that paid for a download resume it; this is a new sign-in.
                    throw PlatformException.Refused(
                        $"asset {assetId}: the content service will not resume {partial} ({have} bytes): {refusal.Reason.TrimEnd('.')}; to start over, delete {partial} and run the download again (with a uses pass that takes one more download)");
                }
                throw ToException(refusal, action);
            }
            if (have > 0 && response.StatusCode != HttpStatusCode.PartialContent)
            {
                have = 0; // the service sent the whole asset: start over
            }
            received = await ReceiveAsync(response, assetId, partial, have, cancellationToken).ConfigureAwait(false);
        }
        byte[] actual = await HashFileAsync(partial, cancellationToken).ConfigureAwait(false);
        if (!actual.AsSpan().SequenceEqual(contentHash.Span))
        {
            File.Delete(partial);
            throw PlatformException.Refused($"the downloaded bytes hash to {HexConvert.Encode(actual)}, not asset {assetId}'s content hash {HexConvert.Encode(contentHash.Span)}; the file was removed");
        }
        File.Move(partial, path, overwrite: true);
        return received;
    }

    /// <summary>
    /// Appends the response body to <paramref name="partial"/> (after its first <paramref name="have"/> bytes); returns the
    /// bytes received. A body cut short (the service aborts the response when a later stored block fails its check) is
    /// reported once the file holds every byte that arrived.
    /// </summary>
    private async Task<long> ReceiveAsync(HttpResponseMessage response, BigInteger assetId, string partial, long have, CancellationToken cancellationToken)
    {
        long received = 0;
        bool cut = false;
        var file = new FileStream(partial, have > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                byte[] buffer = new byte[1 << 16];
                while (true)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        cut = true; // only reading the body: a failure to write the file is the file's error
                        break;
                    }
                    if (read == 0)
                    {
                        break;
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    received += read;
                }
            }
            await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        if (cut)
        {
            long kept = new FileInfo(partial).Length;
            string of = response.Content.Headers.ContentLength is long length ? $" of {have + length}" : "";
            string arrived = have == 0 ? $"the {received} bytes that arrived are kept" : $"{received} bytes arrived, {kept} are kept";
            throw PlatformException.Unavailable(
                $"asset {assetId}: the content service {service} stopped sending at byte {kept}{of} (its log names why, e.g. a damaged stored block); {arrived} in {partial}");
        }
        return received;
    }

    private static async Task<byte[]> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var keccak = new IncrementalKeccak256();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            keccak.Append(buffer.AsSpan(0, read));
        }
        return keccak.GetHashAndReset();
    }

    /// <summary>Sends a sign-in step; its answer must be JSON from a content service.</summary>
    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, string action, CancellationToken cancellationToken)
    {
        using (request)
        {
            using HttpResponseMessage response = await SendRawAsync(request, action, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw NoContentService(); // no sign-in endpoints at this URL
            }
            if (!response.IsSuccessStatusCode)
            {
                throw ToException(await ReadRefusalAsync(response, cancellationToken).ConfigureAwait(false), action);
            }
            try
            {
                return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                throw NoContentService();
            }
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string action, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw PlatformException.Unavailable($"cannot {action}: the content service {service} cannot be reached ({e.Message})", e);
        }
    }

    private PlatformException NoContentService() =>
        PlatformException.Unavailable($"no content service at {service} (is the hub started with --content?)");

    /// <summary>A refusal of the service: a server failure (5xx) is the service's problem, any other one the request's.</summary>
    private PlatformException ToException(Refusal refusal, string action) =>
        (int)refusal.Status >= 500
            ? PlatformException.Unavailable($"cannot {action}: the content service {service} failed: {refusal.Reason}")
            : PlatformException.Refused($"cannot {action}: {refusal.Reason}");

    /// <summary>Reads a refusal's JSON body <c>{"error": code, "message": words}</c>; a body in another shape is named by its HTTP status.</summary>
    private static async Task<Refusal> ReadRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            if (StringProperty(json, "message") is { } message)
            {
                return new Refusal(response.StatusCode, StringProperty(json, "error"), message);
            }
        }
        catch (JsonException)
        {
            // not JSON: named by its status below
        }
        return new Refusal(response.StatusCode, null, $"HTTP {(int)response.StatusCode}");
    }

    private static string? StringProperty(JsonDocument json, string name) =>
        json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A refusal: its HTTP status, the service's error code (null when the body had none) and its words.</summary>
    private readonly record struct Refusal(HttpStatusCode Status, string? Code, string Reason);
}
