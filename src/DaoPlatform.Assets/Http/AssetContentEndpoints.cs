using System.Globalization;
using System.Numerics;
using DaoPlatform.Assets.Access;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Ethereum.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Assets.Http;

/// <summary>A signed message and its signature, as POSTed to <c>/auth/sign-in</c>.</summary>
/// <param name="Message">The EIP-4361 message exactly as signed.</param>
/// <param name="Signature">The signature, 0x-prefixed hex.</param>
public sealed record SignInRequest(string? Message, string? Signature);

/// <summary>
/// The content service's HTTP endpoints, mapped onto an application by <see cref="MapAssetContent"/>:
/// <list type="bullet">
/// <item><c>GET /auth/nonce</c>: a fresh single-use nonce for a sign-in message.</item>
/// <item><c>POST /auth/sign-in</c> <c>{message, signature}</c>: a bearer token for a session.</item>
/// <item><c>POST /auth/sign-out</c> with <c>Authorization: Bearer …</c>: ends that session (204; 401 if there was none).</item>
/// <item><c>GET /assets/{id}/content[?pass={passId}]</c>: the decrypted asset, whole or one byte range
/// (<c>Range: bytes=a-b</c>), to anyone for a public asset, otherwise to a session (<c>Authorization:
/// Bearer …</c>) whose account holds a valid pass <c>passId</c> for asset <c>id</c>.</item>
/// </list>
/// Every refusal is a JSON body <c>{"error": code, "message": words}</c> with its HTTP status. Logs name
/// assets, accounts, ranges and outcomes; never a key, a token or content.
/// </summary>
/// <remarks>
/// Needs <see cref="SignInService"/>, <see cref="EncryptedAssetStore"/> and <see cref="IAssetLedger"/> registered as services.
/// </remarks>
public static class AssetContentEndpoints
{
    /// <summary>Response bytes handed to the socket at once: a keccak segment's worth (17 blocks of 64 KiB).</summary>
    private const int FlushEvery = 1 << 20;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAssetContent(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/auth/nonce", async (SignInService signIn, CancellationToken cancellationToken) =>
        {
            var issued = await signIn.IssueNonceAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(new { nonce = issued.Nonce, expiresAt = issued.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) });
        });
        app.MapPost("/auth/sign-in", SignInAsync);
        app.MapPost("/auth/sign-out", async (HttpContext context, SignInService signIn, CancellationToken cancellationToken) =>
            BearerToken(context.Request) is { } token && await signIn.RevokeAsync(token, cancellationToken).ConfigureAwait(false)
                ? Results.NoContent()
                : Problem(StatusCodes.Status401Unauthorized, "sign_in_required", "No session to end: send 'Authorization: Bearer <token>' of a live session."));
        app.MapGet("/assets/{id}/content", ServeContentAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, SignInService signIn, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ILogger logger = loggers.CreateLogger(typeof(AssetContentEndpoints));
        SignInRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<SignInRequest>(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed_request", "The body is not JSON {\"message\": ..., \"signature\": ...}.");
        }
        if (request?.Message is null || request.Signature is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed_request", "The body needs both \"message\" (the EIP-4361 text) and \"signature\" (0x hex).");
        }
        try
        {
            (string token, SignInSession session) = await signIn.SignInAsync(request.Message, request.Signature, cancellationToken).ConfigureAwait(false);
            Log.SignedIn(logger, session.Account, session.ExpiresAt);
            return Results.Json(new
            {
                token,
                address = session.Account.ToChecksumString(),
                expiresAt = session.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                assets = session.AssetScope?.Select(static a => a.ToString(CultureInfo.InvariantCulture)).ToArray(),
            });
        }
        catch (SiweException e)
        {
            Log.SignInRefused(logger, e.Error);
            bool malformed = e.Error is SiweError.Malformed or SiweError.InvalidDomain or SiweError.InvalidAddress or SiweError.InvalidStatement
                or SiweError.InvalidUri or SiweError.InvalidVersion or SiweError.InvalidChainId or SiweError.InvalidNonce or SiweError.InvalidTimeFormat
                or SiweError.InvalidRequestId or SiweError.InvalidResource or SiweError.InvalidRecap;
            return Problem(malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized, "sign_in_" + Code(e.Error), e.Message);
        }
    }

    private static async Task ServeContentAsync(HttpContext context, string id, SignInService signIn, EncryptedAssetStore store, IAssetLedger ledger, ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger(typeof(AssetContentEndpoints));
        CancellationToken cancellationToken = context.RequestAborted;
        if (!BigInteger.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger assetId) || assetId.IsZero)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "invalid_asset_id", $"'{id}' is not an asset id (a positive decimal number).").ConfigureAwait(false);
            return;
        }
        string? contentHash = await ledger.ContentHashOfAsync(assetId, cancellationToken).ConfigureAwait(false);
        if (contentHash is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status404NotFound, "unknown_asset", $"No asset {assetId} is registered.").ConfigureAwait(false);
            return;
        }
        AssetManifest? manifest;
        try
        {
            manifest = await store.FindAsync(contentHash, cancellationToken).ConfigureAwait(false);
        }
        catch (AssetIntegrityException e)
        {
            await RefuseCorruptAsync(context, logger, assetId, 0, 0, e).ConfigureAwait(false);
            return;
        }
        if (manifest is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status404NotFound, "asset_not_stored", $"Asset {assetId} ({contentHash}) is not stored on this node.").ConfigureAwait(false);
            return;
        }

        ByteRange range = new(0, manifest.Length);
        string? rangeHeader = context.Request.Headers.Range;
        // RFC 9110 §14.2: a Range in a unit the server does not support is ignored (the whole asset is served).
        bool partial = rangeHeader is not null && rangeHeader.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase);
        if (partial && !ByteRange.TryResolve(rangeHeader!, manifest.Length, out range, out string rangeError))
        {
            context.Response.Headers.ContentRange = $"bytes */{manifest.Length}";
            await WriteProblemAsync(context, StatusCodes.Status416RangeNotSatisfiable, "invalid_range", $"Range refused: {rangeError}.").ConfigureAwait(false);
            return;
        }

        string who = "anyone";
        if (!manifest.Public)
        {
            string? token = BearerToken(context.Request);
            SignInSession? session = token is null ? null : await signIn.FindSessionAsync(token, cancellationToken).ConfigureAwait(false);
            if (session is null)
            {
                await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "sign_in_required",
                    $"Asset {assetId} is served to pass holders: sign in (GET /auth/nonce, POST /auth/sign-in) and send 'Authorization: Bearer <token>'.").ConfigureAwait(false);
                return;
            }
            if (!session.Allows(assetId))
            {
                await WriteProblemAsync(context, StatusCodes.Status403Forbidden, "outside_session_scope", $"This session's ReCap covers assets {string.Join(", ", session.AssetScope!)}, not asset {assetId}.").ConfigureAwait(false);
                return;
            }
            if (!BigInteger.TryParse(context.Request.Query["pass"], NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger passId))
            {
                await WriteProblemAsync(context, StatusCodes.Status403Forbidden, "pass_required", $"Asset {assetId} needs a pass: name it with ?pass=<pass id>.").ConfigureAwait(false);
                return;
            }
            try
            {
                // Before a use of the pass is recorded: a key that no longer unwraps or a lost first block costs the holder nothing.
                await store.CheckReadableAsync(manifest, range.Start, cancellationToken).ConfigureAwait(false);
            }
            catch (AssetIntegrityException e)
            {
                await RefuseCorruptAsync(context, logger, assetId, range.Start, range.Length, e).ConfigureAwait(false);
                return;
            }
            bool resumes = range.Start != 0 && session.HasPaidDownload(assetId);
            if (!resumes)
            {
                PassDecision decision = await ledger.AuthorizeAsync(session.Account, assetId, passId, startsDownload: range.Start == 0, cancellationToken).ConfigureAwait(false);
                if (!decision.Allowed)
                {
                    Log.Refused(logger, assetId, session.Account, decision.Reason);
                    await WriteProblemAsync(context, StatusCodes.Status403Forbidden, "no_valid_pass", $"Asset {assetId} is not served to {session.Account}: {decision.Reason}.").ConfigureAwait(false);
                    return;
                }
                if (decision.UseRecorded)
                {
                    await signIn.RecordPaidDownloadAsync(token!, session, assetId, cancellationToken).ConfigureAwait(false);
                }
                Log.Authorized(logger, assetId, session.Account, decision.Reason);
            }
            who = session.Account.ToChecksumString();
        }

        HttpResponse response = context.Response;
        response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = "application/octet-stream";
        response.ContentLength = range.Length;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = $"\"{manifest.ContentHash}\"";
        response.Headers["X-Content-Hash"] = manifest.ContentHash;
        response.Headers["X-Cid"] = manifest.Cid;
        if (partial)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.Start + range.Length - 1}/{manifest.Length}");
        }
        var body = new CoalescingBodyStream(response.BodyWriter, FlushEvery);
        try
        {
            await store.CopyRangeAsync(manifest, range.Start, range.Length, body, cancellationToken).ConfigureAwait(false);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            Log.Served(logger, assetId, range.Start, range.Length, who);
        }
        catch (AssetIntegrityException e)
        {
            if (!response.HasStarted)
            {
                response.Headers.Remove("Content-Range");
                response.ContentLength = null;
                await RefuseCorruptAsync(context, logger, assetId, range.Start, range.Length, e).ConfigureAwait(false);
            }
            else
            {
                Log.IntegrityFailure(logger, assetId, range.Start, range.Length, e.Message);
                try
                {
                    // Every byte written so far is of blocks that authenticated: send them before cutting, so that the
                    // client's partial file ends where the failing block begins and a resume starts there.
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception sendFailure) when (sendFailure is IOException or OperationCanceledException)
                {
                    // The client went away meanwhile: nothing more to send.
                }
                context.Abort(); // the client sees a truncated body, never the failing block
            }
        }
    }

    private static string? BearerToken(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
    }

    private static IResult Problem(int status, string code, string message) =>
        Results.Json(new { error = code, message }, statusCode: status);

    /// <summary>Logs a stored asset that cannot be served and answers 502 <c>stored_asset_corrupt</c> naming why (never a server path, key or byte of plaintext).</summary>
    private static Task RefuseCorruptAsync(HttpContext context, ILogger logger, BigInteger assetId, long start, long length, AssetIntegrityException error)
    {
        Log.IntegrityFailure(logger, assetId, start, length, error.Message);
        return WriteProblemAsync(context, StatusCodes.Status502BadGateway, "stored_asset_corrupt", $"Asset {assetId} cannot be served: {error.Message}");
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = code, message }, context.RequestAborted);
    }

    private static string Code(SiweError error) => string.Concat(error.ToString().Select(static (c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
