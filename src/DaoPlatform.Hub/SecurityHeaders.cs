namespace DaoPlatform.Hub;

/// <summary>
/// The headers every answer carries: a content security policy that allows only the hub's own scripts, styles
/// and connections (the circuit's WebSocket included; the wallet talks to its own extension, not through the page),
/// no framing, no MIME sniffing and no referrer to other sites.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return next();
    }
}
