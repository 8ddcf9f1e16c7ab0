using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;
using DaoPlatform.Platform.Verification;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>result post | challenge | finalize | status | withdraw</c>: evaluators, auditors and finalizers.</summary>
public static class ResultCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var task = TaskCommands.TaskArgument();
        var device = DeviceOption.Create();
        var threads = DeviceOption.Threads();
        var predictions = Opt.Text("--predictions-file", "Post these predictions instead of evaluating: JSON {\"predictions\": [\"0x..\" per model]} ('eval --predictions-out' writes one)");

        var post = new Command("post", "Evaluate the task's revealed models on its revealed test set and post the result with the minimum bond (evaluator)").With(task, device, threads, predictions);
        app.Handle(post, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var taskId = TaskCommands.TaskId(ctx, task);
            var results = new ResultService(chain, platform);
            TaskResult result = ctx.Get(predictions) is { } file
                ? await results.ResultFromPredictionsAsync(taskId, await ReadPredictionsAsync(ctx.PathOf(file), ctx.CancellationToken).ConfigureAwait(false), ctx.CancellationToken).ConfigureAwait(false)
                : await results.EvaluateAsync(taskId, DeviceOption.Backend(ctx, device, threads), ctx.CancellationToken).ConfigureAwait(false);
            var (bond, outcomes) = await results.PostAsync(taskId, result, ctx.CancellationToken).ConfigureAwait(false);
            var snapshot = await results.SnapshotAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions(outcomes, new JsonObject
            {
                ["taskId"] = Output.Number(taskId),
                ["scores"] = new JsonArray([.. result.Scores.Select(s => (JsonNode)s)]),
                ["winner"] = result.Winner,
                ["bond"] = Output.Number(bond),
                ["testSetSize"] = result.Predictions[0].Length,
            }, $"posted task {taskId}'s result with a bond of {Amounts.Of(bond, snapshot.Config.Token)}: scores [{string.Join(", ", result.Scores)}] of {result.Predictions[0].Length}, "
                + (result.Winner == TaskResult.NoWinner ? "no model reached the baseline" : $"winner model {result.Winner}"));
        });

        var challenge = new Command("challenge", "Re-evaluate the pending result; if it is wrong, overturn it with the dispute that proves it (auditor)").With(task, device, threads);
        app.Handle(challenge, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var taskId = TaskCommands.TaskId(ctx, task);
            var results = new ResultService(chain, platform);
            ChallengeOutcome? c = await results.ChallengeAsync(taskId, DeviceOption.Backend(ctx, device, threads), ctx.CancellationToken).ConfigureAwait(false);
            if (c is null)
            {
                ctx.Render(new JsonObject { ["taskId"] = Output.Number(taskId), ["correct"] = true, ["transactions"] = new JsonArray() },
                    console => console.WriteLine($"task {taskId}'s pending result is correct: nothing to challenge"));
                return;
            }
            var credit = await results.CreditsAsync(chain.Key!.Address, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([c.Outcome], new JsonObject
            {
                ["taskId"] = Output.Number(taskId),
                ["correct"] = false,
                ["dispute"] = c.Dispute?.ToString(),
                ["move"] = c.Move.Action,
                ["credit"] = Output.Number(credit),
            }, $"{c.Move.Summary}; your verifier credit is {EtherAmount.Format(credit)} ETH");
        });

        var finalize = new Command("finalize", "Finalize the task's result once its challenge window has passed (anyone)").With(task);
        app.Handle(finalize, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var taskId = TaskCommands.TaskId(ctx, task);
            await new ResultService(chain, platform).SnapshotAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            var outcome = await new ResultService(chain, platform).FinalizeAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            var e = platform.Verifier.DecodeResultFinalizedEvents(outcome.Receipt).Single();
            ctx.RenderTransactions([outcome], new JsonObject { ["taskId"] = Output.Number(taskId), ["winnerEntry"] = Output.Number(e.WinnerEntry) },
                $"finalized task {taskId}: entry {e.WinnerEntry} wins");
        });

        var status = new Command("status", "The task's pending result, if any").With(task);
        app.Handle(status, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var taskId = TaskCommands.TaskId(ctx, task);
            var (snapshot, posted) = await new ResultService(chain, platform).PendingAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            ulong now = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(posted is null
                ? new JsonObject { ["taskId"] = Output.Number(taskId), ["pending"] = false }
                : new JsonObject
                {
                    ["taskId"] = Output.Number(taskId),
                    ["pending"] = true,
                    ["evaluator"] = snapshot.Claim.Evaluator.ToString(),
                    ["deadline"] = snapshot.Claim.Deadline,
                    ["bond"] = Output.Number(snapshot.Claim.Bond),
                    ["scores"] = new JsonArray([.. posted.Claimed.Scores.Select(s => (JsonNode)s)]),
                    ["winner"] = posted.Claimed.Winner,
                },
                console => console.WriteLine(posted is null
                    ? $"task {taskId} has no pending result"
                    : $"task {taskId}: result by {snapshot.Claim.Evaluator}, scores [{string.Join(", ", posted.Claimed.Scores)}], winner model {posted.Claimed.Winner}, challengeable until {Times.Describe((ulong)snapshot.Claim.Deadline, now)}"));
        });

        var withdraw = new Command("withdraw", "Withdraw your verifier credits (returned bonds, challenge rewards)");
        app.Handle(withdraw, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var (amount, outcome) = await new ResultService(chain, platform).WithdrawAsync(chain.RequireAccount("withdraw"), ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["amount"] = Output.Number(amount) }, $"withdrew {EtherAmount.Format(amount)} ETH of verifier credits");
        });
        return new Command("result", "Results: post, challenge, finalize, status, withdraw").With(post, challenge, finalize, status, withdraw);
    }

    private static async Task<IReadOnlyList<byte[]>> ReadPredictionsAsync(string path, CancellationToken cancellationToken)
    {
        var json = await JsonFile.ReadAsync(path, "predictions", cancellationToken).ConfigureAwait(false);
        return [.. JsonFile.Array(json, "predictions", path).Select(n => InputParsing.ParseHex(n?.ToString() ?? "", "predictions"))];
    }
}
