using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Training;
using DaoPlatform.Platform.Verification;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>eval</c>: a model file on a dataset file, bit-exactly (docs/evaluation.md): accuracy and predictions.</summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var model = Opt.Arg("model", "A DQM1 model file");
        var dataset = Opt.Arg("dataset", "A DQD1 dataset file");
        var predictionsOut = Opt.Text("--predictions-out", "Also write the predictions (JSON {\"predictions\": [\"0x..\"]}, the shape 'result post --predictions-file' reads)");
        var command = new Command("eval", "Evaluate a model on a dataset: accuracy and predictions").With(model, dataset, predictionsOut);
        app.Handle(command, async ctx =>
        {
            string modelPath = ctx.PathOf(ctx.Get(model)!);
            var decoded = ModelFiles.DecodeModel(await ModelFiles.ReadModelAsync(modelPath, ctx.CancellationToken).ConfigureAwait(false), modelPath);
            var data = await ModelFiles.ReadDatasetAsync(ctx.PathOf(ctx.Get(dataset)!), ctx.CancellationToken).ConfigureAwait(false);
            var backend = new ScalarBackend();
            var clock = Stopwatch.StartNew();
            EvaluationResult result = EvaluationResult.Evaluate([decoded], data, backend);
            clock.Stop();
            if (ctx.Get(predictionsOut) is { } file)
            {
                await JsonFile.WriteAsync(ctx.PathOf(file), new JsonObject { ["predictions"] = new JsonArray(HexConvert.Encode(result.Predictions[0])) }, ctx.CancellationToken).ConfigureAwait(false);
            }
            ctx.Render(new JsonObject
            {
                ["correct"] = result.Scores[0],
                ["samples"] = data.Count,
                ["accuracy"] = (double)result.Scores[0] / data.Count,
                ["backend"] = backend.Name,
                ["seconds"] = clock.Elapsed.TotalSeconds,
            }, console => console.WriteLine($"{result.Scores[0]} of {data.Count} correct ({100.0 * result.Scores[0] / data.Count:0.0}%) on the {backend.Name} back end in {clock.Elapsed.TotalMilliseconds:0} ms"));
        });
        return command;
    }
}
