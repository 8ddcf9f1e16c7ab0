using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Training;
using DaoPlatform.Platform.Units;
using DaoPlatform.Platform.Verification;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>result post | challenge | finalize | status | withdraw</c>: evaluators, auditors and finalizers.</summary>
public static class ResultCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var task = TaskCommands.TaskArgument();
        var testSet = Opt.Text("--test-set", "The task's revealed test set (DQD1; checked against the task's Merkle root)", required: true);
        var predictions = Opt.Text("--predictions-file", "Post these predictions instead of evaluating: JSON {\"predictions\": [\"0x..\" per model]}");

        var post = new Command("post", "Evaluate the task's revealed models and post the result with the minimum bond (evaluator)").With(task, testSet, predictions);
        app.Handle(post, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var taskId = TaskCommands.TaskId(ctx, task);
            var dataset = await ModelFiles.ReadDatasetAsync(ctx.PathOf(ctx.Require(testSet)), ctx.CancellationToken).ConfigureAwait(false);
            var results = new ResultService(chain, platform);
            EvaluationResult result = ctx.Get(predictions) is { } file
                ? EvaluationResult.FromPredictions(await ReadPredictionsAsync(ctx.PathOf(file), ctx.CancellationToken).ConfigureAwait(false), dataset.Labels)
                : await results.EvaluateAsync(taskId, dataset, new ScalarBackend(), ctx.CancellationToken).ConfigureAwait(false);
            var outcome = await results.PostAsync(taskId, result, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject
            {
                ["taskId"] = Output.Number(taskId),
                ["scores"] = new JsonArray([.. result.Scores.Select(s => (JsonNode)s)]),
                ["winner"] = result.Winner,
                ["testSetSize"] = dataset.Count,
            }, $"posted task {taskId}'s result: scores [{string.Join(", ", result.Scores)}] of {dataset.Count}, winner model {result.Winner}");
        });

        var challenge = new Command("challenge", "Re-evaluate the pending result; if it is wrong, overturn it with the dispute that proves it (auditor)").With(task, testSet);
        app.Handle(challenge, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var taskId = TaskCommands.TaskId(ctx, task);
            var dataset = await ModelFiles.ReadDatasetAsync(ctx.PathOf(ctx.Require(testSet)), ctx.CancellationToken).ConfigureAwait(false);
            ChallengeOutcome? c = await new ResultService(chain, platform).ChallengeAsync(taskId, dataset, new ScalarBackend(), ctx.CancellationToken).ConfigureAwait(false);
            if (c is null)
            {
                ctx.Render(new JsonObject { ["taskId"] = Output.Number(taskId), ["correct"] = true, ["transactions"] = new JsonArray() },
                    console => console.WriteLine($"task {taskId}'s pending result is correct: nothing to challenge"));
                return;
            }
            var credit = await platform.Verifier.CreditsAsync(chain.Key!.Address, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([c.Outcome], new JsonObject
            {
                ["taskId"] = Output.Number(taskId),
                ["correct"] = false,
                ["fault"] = c.Fault,
                ["model"] = c.Model,
                ["sample"] = c.Sample,
                ["credit"] = Output.Number(credit),
            }, $"overturned task {taskId}'s result: wrong {c.Fault}" + (c.Sample >= 0 ? $" (model {c.Model}, sample {c.Sample})" : "") + $"; your verifier credit is {EtherAmount.Format(credit)} ETH");
        });

        var finalize = new Command("finalize", "Finalize the task's result once its challenge window has passed (anyone)").With(task);
        app.Handle(finalize, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var taskId = TaskCommands.TaskId(ctx, task);
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
            await new TrainingService(chain, platform).RequireTaskAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            PendingResult? p = await new ResultService(chain, platform).PendingAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(p is null
                ? new JsonObject { ["taskId"] = Output.Number(taskId), ["pending"] = false }
                : new JsonObject
                {
                    ["taskId"] = Output.Number(taskId),
                    ["pending"] = true,
                    ["evaluator"] = p.Evaluator.ToString(),
                    ["deadline"] = p.Deadline,
                    ["bond"] = Output.Number(p.Bond),
                    ["scores"] = new JsonArray([.. p.Result.Scores.Select(s => (JsonNode)s)]),
                    ["winner"] = Output.Number(p.Result.Winner),
                },
                console => console.WriteLine(p is null
                    ? $"task {taskId} has no pending result"
                    : $"task {taskId}: result by {p.Evaluator}, scores [{string.Join(", ", p.Result.Scores)}], winner model {p.Result.Winner}, challengeable until {DateTimeOffset.FromUnixTimeSeconds((long)p.Deadline):u}"));
        });

        var withdraw = new Command("withdraw", "Withdraw your verifier credits (returned bonds, challenge rewards)");
        app.Handle(withdraw, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var (amount, outcome) = await new ResultService(chain, platform).WithdrawAsync(ctx.CancellationToken).ConfigureAwait(false);
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
