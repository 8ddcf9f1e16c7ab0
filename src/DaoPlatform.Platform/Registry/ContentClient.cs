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
    /// <summary>Signs in as <paramref name="key"/>'s account on chain <paramref name="chainId"/>; returns the session's bearer token.</summary>
    /// <exception cref="PlatformException">The service cannot be reached or refused the sign-in (its message says why).</exception>
    public async Task<string> SignInAsync(EthereumKey key, ulong chainId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using JsonDocument nonce = await SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(service, "auth/nonce")), "ask for a sign-in nonce", cancellationToken).ConfigureAwait(false);
        var message = new SiweMessage
        {
            Scheme = service.Scheme,
            Domain = service.Authority,
            Address = key.Address.ToChecksumString(),
            Statement = "Sign in to download DaoPlatform assets.",
            Uri = service.GetLeftPart(UriPartial.Authority) + "/",
            ChainId = chainId,
            Nonce = nonce.RootElement.GetProperty("nonce").GetString() ?? "",
            IssuedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        string text = message.ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service, "auth/sign-in"))
        {
            Content = JsonContent.Create(new { message = text, signature = PersonalMessage.Sign(key, text).ToString() }),
        };
        using JsonDocument session = await SendAsync(request, "sign in", cancellationToken).ConfigureAwait(false);
        return session.RootElement.GetProperty("token").GetString() ?? throw PlatformException.Refused("the content service answered the sign-in without a token");
    }

    /// <summary>
    /// Downloads asset <paramref name="assetId"/> with pass <paramref name="passId"/> to <paramref name="path"/>: into
    /// <c>path.part</c> (resumed from its length when it exists), then, when its keccak-256 equals
    /// <paramref name="contentHash"/>, renamed to <paramref name="path"/>. Returns the number of bytes this call received.
    /// </summary>
    /// <exception cref="PlatformException">The service refused (no valid pass, ...; its message says why), or the bytes do not match the content hash (the partial file is deleted).</exception>
    public async Task<long> DownloadAsync(string token, BigInteger assetId, BigInteger passId, string path, ReadOnlyMemory<byte> contentHash, CancellationToken cancellationToken = default)
    {
        string partial = path + ".part";
        long have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service, $"assets/{assetId}/content?pass={passId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }
        long received = 0;
        using (HttpResponseMessage response = await SendRawAsync(request, $"download asset {assetId}", cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                File.Delete(partial); // longer than the asset: not a prefix of it
                throw PlatformException.Refused($"the partial download {partial} was longer than asset {assetId}; it was removed, run the download again");
            }
            await ThrowIfRefusedAsync(response, $"download asset {assetId}", cancellationToken).ConfigureAwait(false);
            if (have > 0 && response.StatusCode != HttpStatusCode.PartialContent)
            {
                have = 0; // the service sent the whole asset: start over
            }
            await using var file = new FileStream(partial, have > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                received += read;
            }
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

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, string action, CancellationToken cancellationToken)
    {
        using (request)
        {
            using HttpResponseMessage response = await SendRawAsync(request, action, cancellationToken).ConfigureAwait(false);
            await ThrowIfRefusedAsync(response, action, cancellationToken).ConfigureAwait(false);
            try
            {
                return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                throw PlatformException.Refused($"{service} is not a DaoPlatform content service: its answer to '{action}' is not JSON");
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
            throw PlatformException.BadInput($"cannot {action}: the content service {service} does not answer ({e.Message})", e);
        }
    }

    /// <summary>Turns a refusal's JSON body <c>{"error", "message"}</c> into one line.</summary>
    private static async Task ThrowIfRefusedAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string reason;
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            reason = json.RootElement.GetProperty("message").GetString() ?? body;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            reason = $"HTTP {(int)response.StatusCode}";
        }
        throw PlatformException.Refused($"cannot {action}: {reason}");
    }
}
