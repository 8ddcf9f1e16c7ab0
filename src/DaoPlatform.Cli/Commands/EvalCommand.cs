using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Training;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>eval</c>: a model file on a dataset file, bit-exactly (docs/evaluation.md), on the CPU or the GPU.</summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var model = Opt.Arg("model", "A DQM1 model file");
        var dataset = Opt.Arg("dataset", "A DQD1 dataset file");
        var device = DeviceOption.Create();
        var threads = DeviceOption.Threads();
        var predictionsOut = Opt.Text("--predictions-out", "Also write the predictions (JSON {\"predictions\": [\"0x..\"]}, the shape 'result post --predictions-file' reads)");
        var command = new Command("eval", "Evaluate a model on a dataset: accuracy and predictions").With(model, dataset, device, threads, predictionsOut);
        app.Handle(command, async ctx =>
        {
            var (_, decoded) = await ModelFiles.ReadModelAsync(ctx.PathOf(ctx.Get(model)!), ctx.CancellationToken).ConfigureAwait(false);
            var data = await ModelFiles.ReadDatasetAsync(ctx.PathOf(ctx.Get(dataset)!), ctx.CancellationToken).ConfigureAwait(false);
            if (decoded.InputSize != data.InputSize)
            {
                throw PlatformException.BadInput($"the model takes {decoded.InputSize} inputs but the dataset's samples have {data.InputSize}");
            }
            var evaluator = new Evaluator(DeviceOption.Backend(ctx, device, threads));
            var clock = Stopwatch.StartNew();
            EvaluationResult result = evaluator.Evaluate(decoded, data, ctx.CancellationToken);
            clock.Stop();
            if (ctx.Get(predictionsOut) is { } file)
            {
                byte[] bytes = [.. result.Predictions.Select(p => checked((byte)p))];
                await JsonFile.WriteAsync(ctx.PathOf(file), new JsonObject { ["predictions"] = new JsonArray(HexConvert.Encode(bytes)) }, ctx.CancellationToken).ConfigureAwait(false);
            }
            ctx.Render(new JsonObject
            {
                ["correct"] = result.Accuracy,
                ["samples"] = data.Count,
                ["accuracy"] = (double)result.Accuracy / data.Count,
                ["backend"] = evaluator.Backend.Name,
                ["seconds"] = clock.Elapsed.TotalSeconds,
            }, console => console.WriteLine($"{result.Accuracy} of {data.Count} correct ({100.0 * result.Accuracy / data.Count:0.0}%) on the {evaluator.Backend.Name} back end in {clock.Elapsed.TotalMilliseconds:0} ms"));
        });
        return command;
    }
}
