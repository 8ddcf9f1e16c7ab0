using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Custody;
using DaoPlatform.Platform.Training;
using DaoPlatform.Platform.Units;
using DaoPlatform.Evaluation.Identifiers;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>task</c>: training tasks for submitters and trainers: create, commit, reveal, reveal-test-set, status, watch, withdraw.</summary>
public static class TaskCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Command("task", "Training tasks: create, commit, reveal, reveal-test-set, status, watch, withdraw").With(
            CreateTask(app), Commit(app), Reveal(app), RevealTestSet(app), Status(app), WatchCommand.Create(app), Withdraw(app));
    }

    internal static BigInteger TaskId(CommandContext ctx, Argument<string> argument) => InputParsing.ParseInteger(ctx.Get(argument)!, "task id");

    internal static Argument<string> TaskArgument() => Opt.Arg("task-id", "The task's id");

    private static Command CreateTask(CliApp app)
    {
        var testSet = Opt.Text("--test-set", "The hidden test set: a DQD1 dataset file (kept secret until the reveal)", required: true);
        var reward = Opt.Text("--reward", "Escrowed reward in ETH", required: true);
        var stake = Opt.Text("--stake", "Stake each trainer commits with, in ETH; (max trainers - 1) x stake must cover the reward (default 0.15)");
        var minScore = Opt.Text("--min-score", "Baseline: a model scoring below it (correct test samples) is not paid and forfeits its stake (default 0)");
        var commitWindow = Opt.Text("--commit-window", "How long commits stay open, at least 1d (default 1d)");
        var revealWindow = Opt.Text("--reveal-window", "How long reveals stay open after that, at least 1d (default 1d)");
        var testSetWindow = Opt.Text("--test-set-reveal-window", "How long the submitter then has to reveal the test set, at least 1d (default 1d)");
        var chunk = Opt.Text("--chunk-size", "Samples per revealed chunk, a power of two (default 32)");
        var classes = Opt.Text("--classes", "Number of classes (default: largest label + 1)");
        var maxTrainers = Opt.Text("--max-trainers", "The most trainers (default 8)");
        var viaVault = Opt.Text("--vault-proposal", "Do not send: write a vault transaction that creates the task (the vault pays and becomes the submitter)");
        var command = new Command("create", "Create a task on a hidden test set, committing to it by its Merkle root")
            .With(testSet, reward, stake, minScore, commitWindow, revealWindow, testSetWindow, chunk, classes, maxTrainers, viaVault);
        app.Handle(command, async ctx =>
        {
            string? proposalPath = ctx.Get(viaVault);
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: proposalPath is null).ConfigureAwait(false);
            var dataset = await ModelFiles.ReadDatasetAsync(ctx.PathOf(ctx.Require(testSet)), ctx.CancellationToken).ConfigureAwait(false);
            var p = new TaskParameters { Reward = EtherAmount.Parse(ctx.Require(reward)) };
            if (ctx.Get(stake) is { } s) p = p with { Stake = EtherAmount.Parse(s) };
            if (ctx.Get(minScore) is { } ms) p = p with { MinScore = checked((uint)InputParsing.ParseInteger(ms, "--min-score")) };
            if (ctx.Get(commitWindow) is { } cw) p = p with { CommitWindow = Duration.ParseSeconds(cw) };
            if (ctx.Get(revealWindow) is { } rw) p = p with { RevealWindow = Duration.ParseSeconds(rw) };
            if (ctx.Get(testSetWindow) is { } tw) p = p with { TestSetRevealWindow = Duration.ParseSeconds(tw) };
            if (ctx.Get(chunk) is { } c) p = p with { ChunkSize = checked((ushort)InputParsing.ParseInteger(c, "--chunk-size")) };
            if (ctx.Get(maxTrainers) is { } mt) p = p with { MaxTrainers = checked((ushort)InputParsing.ParseInteger(mt, "--max-trainers")) };
            int classCount = ctx.Get(classes) is { } cl ? (int)InputParsing.ParseInteger(cl, "--classes") : TrainingService.ClassesOf(dataset);
            var training = new TrainingService(chain, platform);
            var testSetData = TrainingService.TestSetOf(dataset, ctx.Require(testSet));
            var config = await training.BuildConfigAsync(testSetData, classCount, p, ctx.CancellationToken).ConfigureAwait(false);
            var fields = new JsonObject
            {
                ["testSetRoot"] = Ethereum.Hex.HexConvert.Encode(testSetData.Tree.Root),
                ["testSetSize"] = testSetData.Tree.Size,
                ["commitDeadline"] = config.CommitDeadline,
                ["revealDeadline"] = config.RevealDeadline,
                ["testSetRevealDeadline"] = config.TestSetRevealDeadline,
            };
            if (proposalPath is not null)
            {
                var tx = await new VaultService(chain, platform).ProposeAsync(platform.Tasks.Address, config.Reward, TrainingTasks.EncodeCreateTaskCall(config),
                    $"createTask: {testSetData.Tree.Size} hidden samples, reward {EtherAmount.Format(config.Reward)} ETH", cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
                await VaultCommands.WriteProposalsAsync(ctx, [(ctx.PathOf(proposalPath), tx)], fields).ConfigureAwait(false);
                return;
            }
            var (taskId, outcome) = await training.CreateAsync(config, ctx.CancellationToken).ConfigureAwait(false);
            fields["taskId"] = Output.Number(taskId);
            ctx.RenderTransactions([outcome], fields, $"task {taskId}: reward {EtherAmount.Format(config.Reward)} ETH, {testSetData.Tree.Size} hidden samples committed");
        });
        return command;
    }

    private static Command Commit(CliApp app)
    {
        var task = TaskArgument();
        var model = Opt.Text("--model", "The DQM1 model file", required: true);
        var output = Opt.Text("--out", "Where to write the commit file (holds the secret salt: keep it until the reveal)", required: true);
        var command = new Command("commit", "Commit a model to a task (a hash with a secret salt) with the task's stake").With(task, model, output);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            string modelPath = ctx.PathOf(ctx.Require(model));
            (byte[] bytes, _) = await ModelFiles.ReadModelAsync(modelPath, ctx.CancellationToken).ConfigureAwait(false);
            var (commit, outcome) = await new TrainingService(chain, platform).CommitAsync(TaskId(ctx, task), modelPath, bytes, ctx.CancellationToken).ConfigureAwait(false);
            string path = ctx.PathOf(ctx.Require(output));
            await JsonFile.WriteAsync(path, commit.ToJson(), ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["taskId"] = Output.Number(commit.TaskId), ["modelHash"] = Ethereum.Hex.HexConvert.Encode(commit.ModelHash), ["file"] = path },
                $"committed model {Ethereum.Hex.HexConvert.Encode(commit.ModelHash)} to task {commit.TaskId}; reveal it with 'daoplatform task reveal {path}'");
        });
        return command;
    }

    private static Command Reveal(CliApp app)
    {
        var commitFile = Opt.Arg("commit-file", "The commit file 'task commit' wrote");
        var uri = Opt.Text("--uri", "Where the model can also be fetched (default ipfs://<cid>)");
        var command = new Command("reveal", "Reveal your committed model (its bytes go on-chain, checked against the commitment)").With(commitFile, uri);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var commit = await CommitFile.LoadAsync(ctx.PathOf(ctx.Get(commitFile)!), ctx.CancellationToken).ConfigureAwait(false);
            (byte[] model, _) = await ModelFiles.ReadModelAsync(commit.ModelPath, ctx.CancellationToken).ConfigureAwait(false);
            var outcome = await new TrainingService(chain, platform).RevealAsync(commit, model, ctx.Get(uri) ?? $"ipfs://{ContentId.Of(model)}", ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["taskId"] = Output.Number(commit.TaskId), ["modelHash"] = Ethereum.Hex.HexConvert.Encode(commit.ModelHash) },
                $"revealed model {Ethereum.Hex.HexConvert.Encode(commit.ModelHash)} ({model.Length:N0} bytes) for task {commit.TaskId}");
        });
        return command;
    }

    private static Command RevealTestSet(CliApp app)
    {
        var task = TaskArgument();
        var testSet = Opt.Text("--test-set", "The DQD1 test set the task committed to", required: true);
        var viaVault = Opt.Text("--vault-proposals", "Do not send: write one vault transaction per chunk into this folder (when the vault is the submitter)");
        var command = new Command("reveal-test-set", "Reveal the test set in Merkle-proven chunks (the submitter)").With(task, testSet, viaVault);
        app.Handle(command, async ctx =>
        {
            string? folder = ctx.Get(viaVault);
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: folder is null).ConfigureAwait(false);
            BigInteger taskId = TaskId(ctx, task);
            var tree = TrainingService.TestSetOf(await ModelFiles.ReadDatasetAsync(ctx.PathOf(ctx.Require(testSet)), ctx.CancellationToken).ConfigureAwait(false), ctx.Require(testSet));
            var training = new TrainingService(chain, platform);
            if (folder is not null)
            {
                var chunks = await training.PendingChunksAsync(taskId, tree, ctx.CancellationToken).ConfigureAwait(false);
                var vault = new VaultService(chain, platform);
                var files = new List<(string, VaultTransactionFile)>();
                for (int i = 0; i < chunks.Count; i++)
                {
                    var tx = await vault.ProposeAsync(platform.Tasks.Address, 0, chunks[i].Calldata, $"revealTestSetChunk: task {taskId} chunk {chunks[i].Chunk}", i, ctx.CancellationToken).ConfigureAwait(false);
                    files.Add((Path.Combine(ctx.PathOf(folder), $"chunk-{chunks[i].Chunk:D4}.json"), tx));
                }
                await VaultCommands.WriteProposalsAsync(ctx, files, new JsonObject { ["taskId"] = Output.Number(taskId) }).ConfigureAwait(false);
                return;
            }
            IReadOnlyList<TransactionOutcome> outcomes = [];
            if (ctx.Settings.Json)
            {
                outcomes = await training.RevealTestSetAsync(taskId, tree, null, ctx.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                var config = await training.RequireTaskAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
                await ctx.Console.Progress().StartAsync(async progress =>
                {
                    var bar = progress.AddTask($"revealing task {taskId}'s test set", maxValue: Protocol.TestSets.TestSetTree.ChunkCount(tree.Tree.Size, config.ChunkSize));
                    outcomes = await training.RevealTestSetAsync(taskId, tree, new Progress<int>(_ => bar.Increment(1)), ctx.CancellationToken).ConfigureAwait(false);
                    bar.Value = bar.MaxValue;
                }).ConfigureAwait(false);
            }
            ctx.RenderTransactions(outcomes, new JsonObject { ["taskId"] = Output.Number(taskId), ["chunks"] = outcomes.Count }, $"revealed {outcomes.Count} chunk(s) of task {taskId}'s test set");
        });
        return command;
    }

    private static Command Status(CliApp app)
    {
        var task = TaskArgument();
        var command = new Command("status", "A task's configuration, state and entries").With(task);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var s = await new TrainingService(chain, platform).StatusAsync(TaskId(ctx, task), ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject
            {
                ["taskId"] = Output.Number(s.TaskId),
                ["submitter"] = s.State.Submitter.ToString(),
                ["reward"] = Output.Number(s.Config.Reward),
                ["stake"] = Output.Number(s.Config.Stake),
                ["testSetSize"] = s.Config.TestSetSize,
                ["commitDeadline"] = s.Config.CommitDeadline,
                ["revealDeadline"] = s.Config.RevealDeadline,
                ["testSetRevealDeadline"] = s.Config.TestSetRevealDeadline,
                ["testSetRevealed"] = s.TestSetRevealed,
                ["settled"] = s.State.Settled,
                ["entries"] = new JsonArray([.. s.Entries.Select(e => (JsonNode)new JsonObject { ["trainer"] = e.Trainer.ToString(), ["revealed"] = e.Revealed, ["modelHash"] = Ethereum.Hex.HexConvert.Encode(e.ModelHash) })]),
            }, console =>
            {
                console.WriteLine($"task {s.TaskId}: submitter {s.State.Submitter}, reward {EtherAmount.Format(s.Config.Reward)} ETH, stake {EtherAmount.Format(s.Config.Stake)} ETH, {s.Config.TestSetSize} samples; "
                    + $"test set {(s.TestSetRevealed ? "revealed" : "hidden")}, {(s.State.Settled ? "settled" : "open")}");
                var table = new Table().AddColumn("entry").AddColumn("trainer").AddColumn("revealed");
                for (int i = 0; i < s.Entries.Count; i++)
                {
                    table.AddRow(i.ToString(CultureInfo.InvariantCulture), s.Entries[i].Trainer.ToString(), s.Entries[i].Revealed ? "yes" : "no");
                }
                console.Write(table);
            });
        });
        return command;
    }

    private static Command Withdraw(CliApp app)
    {
        var command = new Command("withdraw", "Withdraw your ETH credits from TrainingTasks (a reward, a returned stake)");
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var (amount, outcome) = await new TrainingService(chain, platform).WithdrawAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["amount"] = Output.Number(amount) }, $"withdrew {EtherAmount.Format(amount)} ETH");
        });
        return command;
    }
}
