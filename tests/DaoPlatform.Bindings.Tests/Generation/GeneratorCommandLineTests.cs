using System.Diagnostics;

namespace DaoPlatform.Bindings.Tests.Generation;

/// <summary>The generator's console entry point as the build runs it: exit codes and MSBuild-style error lines.</summary>
public sealed class GeneratorCommandLineTests
{
    private static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var generator = Path.Combine(AppContext.BaseDirectory, "DaoPlatform.Bindings.Generator.dll");
        var start = new ProcessStartInfo("dotnet", [generator, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }

    [Test]
    public void Writes_one_file_per_artifact_and_removes_bindings_whose_artifact_is_gone()
    {
        var output = Path.Combine(Path.GetTempPath(), "daoplatform-generated-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "Removed.g.cs"), "// a binding of an artifact that no longer exists");
        try
        {
            var (exitCode, _, errors) = Run("--out", output, "--typed-data", TestPaths.KitchenTypedData, TestPaths.KitchenArtifact);

            Assert.That((exitCode, errors), Is.EqualTo((0, string.Empty)));
            Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EqualTo((string[])["Kitchen.g.cs"]));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public void A_malformed_artifact_fails_with_an_MSBuild_error_naming_file_and_entry()
    {
        var artifact = TestPaths.TemporaryArtifact("""{"contractName":"Bad","sourceName":"contracts/Bad.sol","bytecode":"0x","abi":[{"type":"function","name":"f","inputs":[{"name":"a","type":"uint7"}],"outputs":[]}]}""");

        var (exitCode, _, errors) = Run("--out", Path.GetTempPath(), artifact);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors.Trim(), Does.StartWith($"{artifact}: error DPBG001: ABI JSON: entry 0 (f): parameter 'a': ").And.Contain("uint7"));
    }

    [Test]
    public void A_missing_artifact_asks_to_compile()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "Gone.json");

        var (exitCode, _, errors) = Run("--out", Path.GetTempPath(), missing);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors.Trim(), Is.EqualTo($"{missing}: error DPBG001: Contract artifacts are missing/stale: run `npx hardhat compile` (or ./scripts/test) and build again (the artifact does not exist)."));
    }
}
