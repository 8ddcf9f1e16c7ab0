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
        return new Command("task", "Training tasks: create, commit, reveal, reveal-test-set, status, list, watch, withdraw").With(
            CreateTask(app), Commit(app), Reveal(app), RevealTestSet(app), Status(app), List(app), WatchCommand.Create(app), Withdraw(app));
    }

    internal static BigInteger TaskId(CommandContext ctx, Argument<string> argument) => InputParsing.ParseInteger(ctx.Get(argument)!, "task id");

    internal static Argument<string> TaskArgument() => Opt.Arg("task-id", "The task's id");

    private static Command CreateTask(CliApp app)
    {
        var testSet = Opt.Text("--test-set", "The hidden test set: a DQD1 dataset file (kept secret until the reveal), put into the content store (its CID is printed); or --test-set-cid");
        var testSetCid = Opt.Text("--test-set-cid", "The hidden test set by the CID of its DQD1 file in the content store (--content-store); or --test-set");
        var reward = Opt.Text("--reward", "Escrowed reward in ETH", required: true);
        var stake = Opt.Text("--stake", "Stake each trainer commits with, in ETH; (max trainers - 1) x stake must cover the reward (default 0.15)");
        var minScore = Opt.Text("--min-score", "Baseline: a model scoring below it (correct test samples) is not paid and forfeits its stake; above chance, at most the test set's size (default: chance + 1, i.e. size / classes + 1)");
        var commitWindow = Opt.Text("--commit-window", "How long commits stay open, at least 1d (default 1d)");
        var revealWindow = Opt.Text("--reveal-window", "How long reveals stay open after that, at least 1d (default 1d)");
        var testSetWindow = Opt.Text("--test-set-reveal-window", "How long the submitter then has to reveal the test set, at least 1d (default 1d)");
        var chunk = Opt.Text("--chunk-size", "Samples per revealed chunk, a power of two (default 32)");
        var classes = Opt.Text("--classes", "Number of classes (default: largest label + 1)");
        var maxTrainers = Opt.Text("--max-trainers", "The most trainers (default 8)");
        var viaVault = Opt.Text("--vault-proposal", "Do not send: write a vault transaction that creates the task (the vault pays and becomes the submitter)");
        var incumbent = Opt.Text("--incumbent", "A model asset you own or manage as the incumbent: entered with its bytes (--incumbent-model or --incumbent-cid), a winner must strictly beat it and becomes its next version");
        var incumbentModel = Opt.Text("--incumbent-model", "The incumbent's DQM1 file (its registered bytes; published in the creating transaction, or with --large-models put into the content store and entered by its commitment)");
        var incumbentCid = Opt.Text("--incumbent-cid", "The incumbent's DQM1 file by its CID in the content store (--content-store); or --incumbent-model");
        var largeModels = Opt.Flag("--large-models", "Opt in to large models (docs/training-tasks.md §8): up to 8 layers of 4,096, entered by their commitment; an incumbent enters by its model root");
        var testSetAsset = Opt.Text("--test-set-asset", "A dataset asset you own or manage whose committed test-set root is --test-set's");
        var command = new Command("create", "Create a task on a hidden test set, committing to it by its Merkle root")
            .With(testSet, testSetCid, reward, stake, minScore, commitWindow, revealWindow, testSetWindow, chunk, classes, maxTrainers, viaVault, incumbent, incumbentModel, incumbentCid, largeModels, testSetAsset);
        app.Handle(command, async ctx =>
        {
            string? proposalPath = ctx.Get(viaVault);
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: proposalPath is null).ConfigureAwait(false);
            var testSetData = await ReadTestSetAsync(ctx, ctx.Get(testSet), ctx.Get(testSetCid), keep: true).ConfigureAwait(false);
            var dataset = Protocol.TestSets.TestSetRecords.ToDataset(testSetData.Records, testSetData.InputSize);
            var p = new TaskParameters { Reward = EtherAmount.Parse(ctx.Require(reward)) };
            if (ctx.Get(stake) is { } s) p = p with { Stake = EtherAmount.Parse(s) };
            if (ctx.Get(minScore) is { } ms) p = p with { MinScore = checked((uint)InputParsing.ParseInteger(ms, "--min-score")) };
            if (ctx.Get(commitWindow) is { } cw) p = p with { CommitWindow = Duration.ParseSeconds(cw) };
            if (ctx.Get(revealWindow) is { } rw) p = p with { RevealWindow = Duration.ParseSeconds(rw) };
            if (ctx.Get(testSetWindow) is { } tw) p = p with { TestSetRevealWindow = Duration.ParseSeconds(tw) };
            if (ctx.Get(chunk) is { } c) p = p with { ChunkSize = checked((ushort)InputParsing.ParseInteger(c, "--chunk-size")) };
            if (ctx.Get(maxTrainers) is { } mt) p = p with { MaxTrainers = checked((ushort)InputParsing.ParseInteger(mt, "--max-trainers")) };
            bool large = ctx.Get(largeModels);
            if (large)
            {
                p = p with { MaxLayers = 8, MaxMacs = (uint)Protocol.Rules.ContractLimits.MaxLargeMacs, MaxModelBytes = (uint)Protocol.Rules.ContractLimits.MaxLargeModelBytes };
            }
            int classCount = ctx.Get(classes) is { } cl ? (int)InputParsing.ParseInteger(cl, "--classes") : TrainingService.ClassesOf(dataset);
            var training = new TrainingService(chain, platform);
            // The contract takes a baseline above chance (size / classes) and at most the size: derive one when none
            // is given, and name the range when the given one is outside it.
            uint size = (uint)testSetData.Tree.Size, chance = size / (uint)Math.Max(1, classCount);
            if (ctx.Get(minScore) is null)
            {
                p = p with { MinScore = Math.Min(size, chance + 1) };
            }
            else if (p.MinScore <= chance || p.MinScore > size)
            {
                throw PlatformException.BadInput($"--min-score {p.MinScore} is outside {chance + 1}..{size}: above chance ({size} samples / {classCount} classes = {chance}) and at most the test set's size");
            }
            var config = await training.BuildConfigAsync(testSetData, classCount, p, ctx.CancellationToken).ConfigureAwait(false);
            ulong now = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            var fields = new JsonObject
            {
                ["testSetRoot"] = Ethereum.Hex.HexConvert.Encode(testSetData.Tree.Root),
                ["testSetSize"] = testSetData.Tree.Size,
                ["testSetCid"] = testSetData.Cid?.ToString(),
                ["minScore"] = config.MinScore,
                ["commitDeadline"] = config.CommitDeadline,
                ["revealDeadline"] = config.RevealDeadline,
                ["testSetRevealDeadline"] = config.TestSetRevealDeadline,
            };
            string deadlines = $"test set CID {testSetData.Cid}; commits until {Times.Describe(config.CommitDeadline, now)}, reveals until {Times.Describe(config.RevealDeadline, now)}, "
                + $"test set revealed by {Times.Describe(config.TestSetRevealDeadline, now)}; baseline {config.MinScore} of {size}";
            var assets = await TaskAssetOptions.ReadAsync(ctx, ctx.Get(incumbent), ctx.Get(incumbentModel), ctx.Get(incumbentCid), ctx.Get(testSetAsset), large).ConfigureAwait(false);
            if (assets is not null)
            {
                await TaskAssetOptions.CreateAsync(ctx, chain, platform, config, assets, proposalPath, fields, deadlines).ConfigureAwait(false);
                return;
            }
            if (proposalPath is not null)
            {
                var tx = await new VaultService(chain, platform).ProposeAsync(platform.Tasks.Address, config.Reward, TrainingTasks.EncodeCreateTaskCall(config),
                    $"createTask: {testSetData.Tree.Size} hidden samples, reward {EtherAmount.Format(config.Reward)} ETH", cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
                await VaultCommands.WriteProposalsAsync(ctx, [(ctx.PathOf(proposalPath), tx)], fields).ConfigureAwait(false);
                return;
            }
            var (taskId, outcomes) = await training.CreateAsync(config, ctx.CancellationToken).ConfigureAwait(false);
            fields["taskId"] = Output.Number(taskId);
            ctx.RenderTransactions(outcomes, fields, $"task {taskId}: reward {EtherAmount.Format(config.Reward)} ETH, {testSetData.Tree.Size} hidden samples committed; {deadlines}");
        });
        return command;
    }

    /// <summary>
    /// A hidden test set: a file, with <paramref name="keep"/> put into the content store (not on a dry run), or a CID,
    /// fetched from the store and checked; exactly one of them.
    /// </summary>
    private static async Task<Protocol.TestSets.HiddenTestSet> ReadTestSetAsync(CommandContext ctx, string? file, string? cid, bool keep)
    {
        if ((file is null) == (cid is null))
        {
            throw PlatformException.BadInput("give exactly one of --test-set FILE and --test-set-cid CID");
        }
        if (cid is not null)
        {
            return await TestSetStore.FetchAsync(ctx.OpenContentStore(), cid, ctx.CancellationToken).ConfigureAwait(false);
        }
        var (testSet, dqd1) = await TestSetStore.ReadFileAsync(ctx.PathOf(file!), ctx.CancellationToken).ConfigureAwait(false);
        if (keep && !ctx.Settings.DryRun)
        {
            // In the store before the task exists: the submitter's node reveals it from there, by this CID.
            await TestSetStore.PutAsync(ctx.OpenContentStore(), testSet, dqd1, ctx.CancellationToken).ConfigureAwait(false);
        }
        return testSet;
    }

    private static Command Commit(CliApp app)
    {
        var task = TaskArgument();
        var model = Opt.Text("--model", "The DQM1 model file", required: true);
        var output = Opt.Text("--out", "Where to write the commit file (written 0600 before the commit is sent, never over another file)", required: true);
        var recover = Opt.Flag("--recover", "Send nothing: rebuild a lost commit file from the model and your key (the salt is derived from them)");
        var command = new Command("commit", "Commit a model to a task (a hash with a salt derived from your key) with the task's stake").With(task, model, output, recover);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            string path = ctx.PathOf(ctx.Require(output));
            JsonFile.CheckNew(path, "commit");
            string modelPath = ctx.PathOf(ctx.Require(model));
            (byte[] bytes, _) = await ModelFiles.ReadModelAsync(modelPath, ctx.CancellationToken).ConfigureAwait(false);
            BigInteger taskId = TaskId(ctx, task);
            var training = new TrainingService(chain, platform);
            var config = await training.RequireTaskAsync(taskId, ctx.CancellationToken).ConfigureAwait(false);
            CommitFile commit = DeriveCommit(chain, platform, taskId, modelPath, bytes);
            byte[] commitment = TrainingService.Commitment(commit.ModelHash, commit.Salt, commit.Trainer, taskId);
            string hash = Ethereum.Hex.HexConvert.Encode(commit.ModelHash);
            if (ctx.Get(recover))
            {
                await RequireOnChainAsync(training, commit, commitment, ctx.CancellationToken).ConfigureAwait(false);
                await JsonFile.WriteNewAsync(path, commit.ToJson(), "commit", ctx.CancellationToken).ConfigureAwait(false);
                ctx.Render(new JsonObject { ["taskId"] = Output.Number(taskId), ["modelHash"] = hash, ["file"] = path, ["recovered"] = true, ["transactions"] = new JsonArray() },
                    console => console.WriteLine($"recovered the commit file of model {hash} for task {taskId} into {path}; reveal it with 'daoplatform task reveal {path}'"));
                return;
            }
            // The salt is on disk before the commitment leaves: a crash after sending loses nothing.
            if (!ctx.Settings.DryRun)
            {
                await JsonFile.WriteNewAsync(path, commit.ToJson(), "commit", ctx.CancellationToken).ConfigureAwait(false);
            }
            IReadOnlyList<TransactionOutcome> outcomes;
            try
            {
                outcomes = await training.CommitAsync(commit, ctx.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Signing.NothingSent.Is(e) && !ctx.Settings.DryRun)
            {
                File.Delete(path);
                throw;
            }
            ctx.RenderTransactions(outcomes, new JsonObject { ["taskId"] = Output.Number(taskId), ["modelHash"] = hash, ["file"] = path },
                $"committed model {hash} to task {taskId} with a stake of {EtherAmount.Format(config.Stake)} ETH; reveal it with 'daoplatform task reveal {path}'");
        });
        return command;
    }

    /// <summary>The commit of <paramref name="model"/> to <paramref name="taskId"/> by the connection's key, its salt derived (docs/cli.md, "Commit salts").</summary>
    private static CommitFile DeriveCommit(ChainConnection chain, Protocol.PlatformContracts platform, BigInteger taskId, string modelPath, byte[] model)
    {
        var key = chain.RequireKey("commit a model");
        byte[] modelHash = Ethereum.Hashing.Keccak256.Hash(model);
        byte[] salt = CommitSalt.Derive(key, chain.ChainId, platform.Tasks.Address, taskId, modelHash);
        return new CommitFile(platform.Tasks.Address, chain.ChainId, taskId, key.Address, modelPath, modelHash, salt);
    }

    /// <summary>Checks that the trainer's commitment on chain is this model under the derived salt.</summary>
    private static async Task RequireOnChainAsync(TrainingService training, CommitFile commit, byte[] commitment, CancellationToken cancellationToken)
    {
        var status = await training.StatusAsync(commit.TaskId, cancellationToken).ConfigureAwait(false);
        var entry = status.Entries.FirstOrDefault(e => e.Trainer == commit.Trainer)
            ?? throw PlatformException.NotFound($"{commit.Trainer} has no commitment to task {commit.TaskId}");
        if (!entry.Commitment.AsSpan().SequenceEqual(commitment))
        {
            throw PlatformException.BadInput(
                $"the commitment of {commit.Trainer} to task {commit.TaskId} is not of the model {commit.ModelPath} under this key's derived salt (another model, or a random salt from an older version)");
        }
    }

    private static Command Reveal(CliApp app)
    {
        var commitFile = new Argument<string?>("commit-file") { Description = "The commit file 'task commit' wrote (or, without it, --task and --model)", Arity = ArgumentArity.ZeroOrOne };
        var uri = Opt.Text("--uri", "Where the model can also be fetched (default ipfs://<cid>)");
        var taskOption = Opt.Text("--task", "Without a commit file: the task id (the salt is derived from your key)");
        var modelOption = Opt.Text("--model", "Without a commit file: the committed model file");
        var command = new Command("reveal", "Reveal your committed model (its bytes go on-chain, checked against the commitment)").With(commitFile, uri, taskOption, modelOption);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            CommitFile commit;
            if (ctx.Get(commitFile) is { } file)
            {
                commit = await CommitFile.LoadAsync(ctx.PathOf(file), ctx.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                string taskText = ctx.Get(taskOption) ?? throw PlatformException.BadInput("reveal needs the commit file, or --task ID and --model FILE to derive it");
                string modelPath = ctx.PathOf(ctx.Get(modelOption) ?? throw PlatformException.BadInput("reveal without a commit file needs --model FILE (the committed model)"));
                (byte[] bytes, _) = await ModelFiles.ReadModelAsync(modelPath, ctx.CancellationToken).ConfigureAwait(false);
                commit = DeriveCommit(chain, platform, InputParsing.ParseInteger(taskText, "--task"), modelPath, bytes);
                await RequireOnChainAsync(new TrainingService(chain, platform), commit,
                    TrainingService.Commitment(commit.ModelHash, commit.Salt, commit.Trainer, commit.TaskId), ctx.CancellationToken).ConfigureAwait(false);
            }
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
        var testSet = Opt.Text("--test-set", "The DQD1 test set the task committed to; or --test-set-cid");
        var testSetCid = Opt.Text("--test-set-cid", "The test set by the CID of its DQD1 file in the content store (--content-store); or --test-set");
        var viaVault = Opt.Text("--vault-proposals", "Do not send: write one vault transaction per chunk into this folder (when the vault is the submitter)");
        var command = new Command("reveal-test-set", "Reveal the test set in Merkle-proven chunks (the submitter)").With(task, testSet, testSetCid, viaVault);
        app.Handle(command, async ctx =>
        {
            string? folder = ctx.Get(viaVault);
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: folder is null).ConfigureAwait(false);
            BigInteger taskId = TaskId(ctx, task);
            var tree = await ReadTestSetAsync(ctx, ctx.Get(testSet), ctx.Get(testSetCid), keep: false).ConfigureAwait(false);
            var training = new TrainingService(chain, platform);
            if (folder is not null)
            {
                var chunks = await training.PendingChunksAsync(taskId, tree, ctx.CancellationToken).ConfigureAwait(false);
                var vault = new VaultService(chain, platform);
                var files = new List<(string, VaultTransactionFile)>();
                for (int i = 0; i < chunks.Count; i++)
                {
                    var tx = await vault.ProposeAsync(platform.Tasks.Address, 0, chunks[i].Move.Data, chunks[i].Move.Summary, i, ctx.CancellationToken).ConfigureAwait(false);
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
        var command = new Command("status", "A task's phase, deadlines, entries and winner").With(task);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var s = await new TrainingService(chain, platform).StatusAsync(TaskId(ctx, task), ctx.CancellationToken).ConfigureAwait(false);
            ulong now = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            string phase = TaskPhases.Of(s, now);
            var (_, posted) = s.TestSetRevealed && !s.State.Settled
                ? await new Platform.Verification.ResultService(chain, platform).PendingAsync(s.TaskId, ctx.CancellationToken).ConfigureAwait(false)
                : default;
            BigInteger? winner = s.State.Settled ? await TaskPhases.FinalWinnerAsync(chain, platform, s.TaskId, ctx.CancellationToken).ConfigureAwait(false) : null;
            ctx.Render(new JsonObject
            {
                ["taskId"] = Output.Number(s.TaskId),
                ["phase"] = phase,
                ["submitter"] = s.State.Submitter.ToString(),
                ["reward"] = Output.Number(s.Config.Reward),
                ["stake"] = Output.Number(s.Config.Stake),
                ["testSetSize"] = s.Config.TestSetSize,
                ["minScore"] = s.Config.MinScore,
                ["commitDeadline"] = s.Config.CommitDeadline,
                ["revealDeadline"] = s.Config.RevealDeadline,
                ["testSetRevealDeadline"] = s.Config.TestSetRevealDeadline,
                ["now"] = now,
                ["testSetRevealed"] = s.TestSetRevealed,
                ["settled"] = s.State.Settled,
                ["pendingWinner"] = posted?.Claimed.Winner is { } pw ? Output.Number(pw) : null,
                ["winnerEntry"] = winner is { } w ? Output.Number(w) : null,
                ["entries"] = new JsonArray([.. s.Entries.Select(e => (JsonNode)new JsonObject { ["trainer"] = e.Trainer.ToString(), ["revealed"] = e.Revealed, ["modelHash"] = Ethereum.Hex.HexConvert.Encode(e.ModelHash) })]),
            }, console =>
            {
                console.WriteLine($"task {s.TaskId}: {phase}; submitter {s.State.Submitter}, reward {EtherAmount.Format(s.Config.Reward)} ETH, stake {EtherAmount.Format(s.Config.Stake)} ETH, "
                    + $"{s.Config.TestSetSize} samples, baseline {s.Config.MinScore}; test set {(s.TestSetRevealed ? "revealed" : "hidden")}");
                console.WriteLine($"  commits until           {Times.Describe(s.Config.CommitDeadline, now)}");
                console.WriteLine($"  reveals until           {Times.Describe(s.Config.RevealDeadline, now)}");
                console.WriteLine($"  test set revealed by    {Times.Describe(s.Config.TestSetRevealDeadline, now)}");
                if (posted is not null)
                {
                    console.WriteLine($"  pending result          winner model {posted.Claimed.Winner}, scores [{string.Join(", ", posted.Claimed.Scores)}]");
                }
                if (winner is { } won)
                {
                    console.WriteLine($"  winner                  entry {won}");
                }
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

    private static Command List(CliApp app)
    {
        var phase = Opt.Text("--phase", $"Only tasks in this phase: {string.Join(", ", TaskPhases.Names)}");
        var command = new Command("list", "Every task with its phase and next deadline (read from the chain's logs in bounded ranges), optionally of one phase").With(phase);
        app.Handle(command, async ctx =>
        {
            string? wanted = ctx.Get(phase)?.Trim().ToLowerInvariant();
            if (wanted is not null && !TaskPhases.Names.Contains(wanted))
            {
                throw PlatformException.BadInput($"--phase '{ctx.Get(phase)}' is not a task phase (one of {string.Join(", ", TaskPhases.Names)})");
            }
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var tasks = await new TaskCatalog(chain, platform).AllAsync(ctx.CancellationToken).ConfigureAwait(false);
            ulong now = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            var rows = new JsonArray();
            var table = new Spectre.Console.Table().AddColumn("task").AddColumn("phase").AddColumn("reward").AddColumn("entries").AddColumn("next deadline");
            foreach (var s in tasks)
            {
                string taskPhase = TaskPhases.Of(s, now);
                if (wanted is not null && taskPhase != wanted)
                {
                    continue;
                }
                ulong? next = taskPhase switch
                {
                    "commit" => s.Config.CommitDeadline,
                    "reveal" => s.Config.RevealDeadline,
                    "test-set-reveal" => s.Config.TestSetRevealDeadline,
                    _ => null,
                };
                rows.Add(new JsonObject
                {
                    ["taskId"] = Output.Number(s.TaskId), ["phase"] = taskPhase, ["submitter"] = s.State.Submitter.ToString(),
                    ["reward"] = Output.Number(s.Config.Reward), ["stake"] = Output.Number(s.Config.Stake), ["entries"] = s.Entries.Count,
                    ["commitDeadline"] = s.Config.CommitDeadline, ["revealDeadline"] = s.Config.RevealDeadline, ["testSetRevealDeadline"] = s.Config.TestSetRevealDeadline,
                    ["nextDeadline"] = next,
                });
                table.AddRow(s.TaskId.ToString(CultureInfo.InvariantCulture), taskPhase, $"{EtherAmount.Format(s.Config.Reward)} ETH",
                    s.Entries.Count.ToString(CultureInfo.InvariantCulture), next is { } n ? Times.Describe(n, now) : "-");
            }
            ctx.Render(new JsonObject { ["now"] = now, ["phase"] = wanted, ["tasks"] = rows }, console =>
            {
                if (rows.Count == 0)
                {
                    console.WriteLine(wanted is null ? "no tasks yet" : $"no task in the {wanted} phase");
                    return;
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
