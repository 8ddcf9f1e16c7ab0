using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Protocol.Content;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// <c>task create --large-models --incumbent ID --incumbent-model FILE | --incumbent-cid CID</c> (docs/training-tasks.md
/// §9.3): a model registered under its model root (<c>asset register --by-model-root</c>) becomes a large-model task's
/// incumbent, entered by its commitment, its bytes in the content store; what is sent is shown; bad input is one line.
/// </summary>
[NonParallelizable]
public sealed class LargeIncumbentCliTests
{
    private static CliHarness Cli => CliDevnet.Cli;

    private static LocalContentStore Store() => new(Path.Combine(Cli.Variables["DAOPLATFORM_DATA_DIR"]!, "content"), 1 << 24);

    /// <summary>
    /// Makes the MNIST model at <paramref name="path"/> this test's own (other tests reveal the original, which makes its
    /// revealer its author): weight <paramref name="which"/> of the first row is negated, which keeps it valid.
    /// </summary>
    private static byte[] OwnModel(string path, int which)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int weight = 7 + 3 * bytes[4] + which;
        bytes[weight] = (byte)(sbyte)-(sbyte)(bytes[weight] == 0x80 || bytes[weight] == 0 ? 1 : bytes[weight]);
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    [Test]
    public async Task A_model_registered_by_its_root_is_a_large_tasks_incumbent_by_file_or_by_CID()
    {
        string folder = CliDevnet.NewFolder();
        var (model, digits) = Fixtures.MnistFiles(folder);
        byte[] bytes = OwnModel(model, 1);
        var commitment = new ModelCommitment(Dqm1.Read(bytes));
        JsonObject registered = (await Cli.AsAsync("deployer", "asset", "register", model, "--kind", "model", "--by-model-root")).Ok();
        string asset = registered["assetId"]!.GetValue<string>();

        JsonObject created = (await Cli.AsAsync("deployer", "task", "create", "--test-set", digits, "--reward", "0.5", "--stake", "0.1",
            "--large-models", "--incumbent", asset, "--incumbent-model", model)).Ok();
        Assert.That(created["incumbentModelRoot"]!.GetValue<string>(), Is.EqualTo(HexConvert.Encode(commitment.ModelRoot)));
        Assert.That(created["incumbentRowsRoot"]!.GetValue<string>(), Is.EqualTo(HexConvert.Encode(commitment.RowsRoot)));
        string cid = created["incumbentCid"]!.GetValue<string>();
        Assert.That(await Store().GetAsync(Cid.Parse(cid)), Is.EqualTo(bytes), "the incumbent's bytes are in the content store at the CID the task records");
        Assert.That(created["taskId"], Is.Not.Null);

        // The same incumbent by its CID in the store: a second task.
        JsonObject second = (await Cli.AsAsync("deployer", "task", "create", "--test-set", digits, "--reward", "0.5", "--stake", "0.1",
            "--large-models", "--incumbent", asset, "--incumbent-cid", cid)).Ok();
        Assert.That(second["incumbentModelRoot"]!.GetValue<string>(), Is.EqualTo(HexConvert.Encode(commitment.ModelRoot)));
        Assert.That(second["taskId"]!.GetValue<string>(), Is.Not.EqualTo(created["taskId"]!.GetValue<string>()));
    }

    [Test]
    public async Task Bad_input_is_one_line_and_nothing_is_sent()
    {
        string folder = CliDevnet.NewFolder();
        var (model, digits) = Fixtures.MnistFiles(folder);
        OwnModel(model, 2);
        // Registered by the keccak256 of its bytes, as a small model is: no large task can take it.
        string byBytes = (await Cli.AsAsync("deployer", "asset", "register", model, "--kind", "model", "--metadata-uri", "test://by-bytes"))
            .Ok()["assetId"]!.GetValue<string>();
        string[] create = ["task", "create", "--test-set", digits, "--reward", "0.5", "--stake", "0.1", "--large-models"];
        (string Why, string[] Args, string Says)[] cases =
        [
            ("an asset registered by its bytes", [.. create, "--incumbent", byBytes, "--incumbent-model", model], "a large-model task enters its incumbent by its model root"),
            ("both a file and a CID", [.. create, "--incumbent", byBytes, "--incumbent-model", model, "--incumbent-cid", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"],
                "exactly one of --incumbent-model FILE and --incumbent-cid CID"),
            ("not a CID", [.. create, "--incumbent", byBytes, "--incumbent-cid", "bafy-nothing"], "--incumbent-cid bafy-nothing"),
            ("a dataset as the model", [.. create, "--incumbent", byBytes, "--incumbent-model", digits], "is not a valid DQM1 model"),
            ("--by-model-root on a dataset", ["asset", "register", digits, "--kind", "dataset", "--by-model-root"], "--by-model-root registers a model"),
        ];
        foreach (var (why, args, says) in cases)
        {
            CliRun run = await Cli.RunAsync(["--account", "deployer", "--yes", .. args]);
            Assert.That(run.ExitCode, Is.Not.EqualTo(0), $"{why}: {run.Out}");
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), $"{why}: one line: {run.Error}");
            Assert.That(run.Error, Does.Contain(says), why);
        }
    }
}
