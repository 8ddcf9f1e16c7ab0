using DaoPlatform.Index;

namespace DaoPlatform.Hub.Api;

/// <summary>
/// The index as JSON (<see cref="EventJson"/>'s encoding: integers as decimal strings, addresses checksummed, bytes
/// as 0x-hex), for the CLI's list commands and scripts: <c>GET /api/status</c>, <c>/api/proposals</c>,
/// <c>/api/proposals/{id}</c>, <c>/api/tasks</c>, <c>/api/tasks/{id}</c>, <c>/api/assets</c>, <c>/api/vault/history</c> and <c>/api/events/{kind}?subject=</c>.
/// Every list is newest first and paged by <c>?limit=&amp;offset=</c> (limit 1–500, default 50; offset default 0).
/// </summary>
internal static class IndexApi
{
    private const int MaxLimit = 500;

    public static void MapIndexApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder api = endpoints.MapGroup("/api");
        api.MapGet("/status", async (IndexReader reader, ChainWatch watch, CancellationToken ct) =>
            Json(new { (await reader.StatusAsync(ct)).Cursor, watch.NodeDown, watch.LastError }));
        api.MapGet("/proposals", async (IndexReader reader, int? limit, int? offset, CancellationToken ct) =>
            Limit(limit) is { } n ? Json(await reader.ProposalsAsync(n, Math.Max(0, offset ?? 0), ct)) : BadLimit());
        api.MapGet("/proposals/{id}", async (IndexReader reader, string id, CancellationToken ct) =>
            !System.Numerics.BigInteger.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? Results.Problem($"the proposal id '{id}' is not a decimal number", statusCode: 400)
                : await reader.ProposalAsync(id, ct) is { } proposal ? Json(proposal) : Results.Problem($"no proposal {id} in the index", statusCode: 404));
        api.MapGet("/tasks", async (IndexReader reader, int? limit, int? offset, CancellationToken ct) =>
            Limit(limit) is { } n ? Json(await reader.TasksAsync(n, Math.Max(0, offset ?? 0), ct)) : BadLimit());
        api.MapGet("/tasks/{id}", async (IndexReader reader, string id, CancellationToken ct) =>
            !System.Numerics.BigInteger.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? Results.Problem($"the task id '{id}' is not a decimal number", statusCode: 400)
                : await reader.TaskAsync(id, ct) is { } task ? Json(task) : Results.Problem($"no task {id} in the index", statusCode: 404));
        api.MapGet("/assets", async (IndexReader reader, int? limit, int? offset, CancellationToken ct) =>
            Limit(limit) is { } n ? Json(await reader.AssetsAsync(n, Math.Max(0, offset ?? 0), ct)) : BadLimit());
        api.MapGet("/vault/history", async (IndexReader reader, int? limit, int? offset, CancellationToken ct) =>
            Limit(limit) is { } n ? Json(await reader.VaultHistoryAsync(n, Math.Max(0, offset ?? 0), ct)) : BadLimit());
        api.MapGet("/events/{kind}", async (IndexReader reader, string kind, string? subject, int? limit, int? offset, CancellationToken ct) =>
            !EventKinds.Contains(kind) ? Results.Problem($"'{kind}' is not an indexed event kind (Contract.Event, e.g. DaoGovernor.VoteCast)", statusCode: 400)
            : Limit(limit) is { } n ? Json(await reader.EventsAsync(kind, subject, n, Math.Max(0, offset ?? 0), ct)) : BadLimit());
    }

    private static readonly HashSet<string> EventKinds = [.. IndexReader.Kinds];

    private static int? Limit(int? limit) => limit is null ? 50 : limit is > 0 and <= MaxLimit ? limit : null;

    private static IResult BadLimit() => Results.Problem($"limit must be between 1 and {MaxLimit}", statusCode: 400);

    private static IResult Json<T>(T value) => Results.Json(value, EventJson.Options);
}
