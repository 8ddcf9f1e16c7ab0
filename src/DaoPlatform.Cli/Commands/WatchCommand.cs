using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// <c>task watch</c>: follows a task's results (posted, overturned, finalized) and POSTs each as JSON to a callback
/// URL, retrying a failed delivery with backoff; stops when the result is finalized or the timeout passes.
/// </summary>
public static class WatchCommand
{
    private const int DeliveryAttempts = 4;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var task = TaskCommands.TaskArgument();
        var callback = Opt.Text("--callback-url", "POST a JSON body here for each event (retried up to 4 times)");
        var interval = Opt.Text("--interval", "How often to poll the node (default 2s)");
        var timeout = Opt.Text("--timeout", "Stop after this long even if nothing is finalized (default 1h)");
        var command = new Command("watch", "Follow a task's results: posted, overturned, finalized; optionally POST each to a URL").With(task, callback, interval, timeout);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            BigInteger taskId = TaskCommands.TaskId(ctx, task);
            Uri? url = null;
            if (ctx.Get(callback) is { } u && (!Uri.TryCreate(u, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
            {
                throw PlatformException.BadInput($"--callback-url '{u}' is not an http(s) URL");
            }
            TimeSpan every = TimeSpan.FromSeconds(ctx.Get(interval) is { } i ? Math.Max(1, Duration.ParseSeconds(i)) : 2);
            ulong limit = ctx.Get(timeout) is { } t ? Duration.ParseSeconds(t) : 3600;
            await new Platform.Training.TrainingService(chain, platform).RequireTaskAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
            stop.CancelAfter(TimeSpan.FromSeconds(limit));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            // From the task's creation block, not the deployment's: the first poll spans the task's age, never the chain's.
            ulong from = await new Protocol.Reads.TaskCreationBlocks(platform, new Protocol.Reads.ReadOptions { StartBlock = platform.Addresses.DeploymentBlock })
                .FindAsync((ulong)taskId, await chain.Eth.BlockNumberAsync(stop.Token).ConfigureAwait(false), stop.Token).ConfigureAwait(false);
            var events = new JsonArray();
            bool finalized = false;
            try
            {
                while (!finalized)
                {
                    ulong head = await chain.Eth.BlockNumberAsync(stop.Token).ConfigureAwait(false);
                    var found = new List<(ulong Block, ulong Index, JsonObject Body)>();
                    if (head < from)
                    {
                        // An idle chain: no block since the last poll, so nothing to ask for (a range past the head is an error on some nodes).
                        await Task.Delay(every, stop.Token).ConfigureAwait(false);
                        continue;
                    }
                    ulong range = new Protocol.Reads.ReadOptions().MaxLogRange;
                    foreach (var e in await Protocol.Reads.LogRanges.QueryAsync(from, head, range, (a, b) => platform.Verifier.QueryResultPostedEventsAsync(a, b, taskId: taskId, cancellationToken: stop.Token)).ConfigureAwait(false))
                    {
                        found.Add((e.Log.BlockNumber, e.Log.LogIndex, Body("posted", taskId, e.Log, new JsonObject { ["evaluator"] = e.Event.Evaluator.ToString(), ["winner"] = Output.Number(e.Event.Result.Winner), ["deadline"] = Output.Number(e.Event.Deadline) })));
                    }
                    foreach (var e in await Protocol.Reads.LogRanges.QueryAsync(from, head, range, (a, b) => platform.Verifier.QueryResultOverturnedEventsAsync(a, b, taskId: taskId, cancellationToken: stop.Token)).ConfigureAwait(false))
                    {
                        found.Add((e.Log.BlockNumber, e.Log.LogIndex, Body("overturned", taskId, e.Log, new JsonObject { ["evaluator"] = e.Event.Evaluator.ToString(), ["challenger"] = e.Event.Challenger.ToString(), ["challengerAmount"] = Output.Number(e.Event.ChallengerAmount) })));
                    }
                    foreach (var e in await Protocol.Reads.LogRanges.QueryAsync(from, head, range, (a, b) => platform.Verifier.QueryResultFinalizedEventsAsync(a, b, taskId: taskId, cancellationToken: stop.Token)).ConfigureAwait(false))
                    {
                        found.Add((e.Log.BlockNumber, e.Log.LogIndex, Body("finalized", taskId, e.Log, new JsonObject { ["evaluator"] = e.Event.Evaluator.ToString(), ["winnerEntry"] = Output.Number(e.Event.WinnerEntry) })));
                        finalized = true;
                    }
                    foreach (var (_, _, body) in found.OrderBy(f => f.Block).ThenBy(f => f.Index))
                    {
                        if (url is not null)
                        {
                            body["delivered"] = await DeliverAsync(http, url, body, stop.Token).ConfigureAwait(false);
                        }
                        events.Add(body);
                        if (!ctx.Settings.Json)
                        {
                            ctx.Console.WriteLine($"task {taskId}: result {body["event"]} in block {body["block"]}" + (url is null ? "" : $" (POST {url}: {((bool)body["delivered"]! ? "delivered" : "failed")})"));
                        }
                    }
                    from = head + 1;
                    if (!finalized)
                    {
                        await Task.Delay(every, stop.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (!ctx.CancellationToken.IsCancellationRequested)
            {
                // The timeout: report what was seen.
            }
            ctx.Render(new JsonObject { ["taskId"] = Output.Number(taskId), ["finalized"] = finalized, ["events"] = events },
                console => console.WriteLine(finalized ? $"task {taskId}'s result is final" : $"stopped watching task {taskId} (timeout) after {events.Count} event(s)"));
        });
        return command;
    }

    private static JsonObject Body(string kind, BigInteger taskId, Ethereum.JsonRpc.LogEntry log, JsonObject details)
    {
        details["event"] = kind;
        details["taskId"] = taskId.ToString(CultureInfo.InvariantCulture);
        details["block"] = log.BlockNumber;
        details["transaction"] = log.TransactionHash;
        return details;
    }

    private static async Task<bool> DeliverAsync(HttpClient http, Uri url, JsonObject body, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= DeliveryAttempts; attempt++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(url, body, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Retried below.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request timed out: retried below.
            }
            if (attempt < DeliveryAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
        return false;
    }
}
