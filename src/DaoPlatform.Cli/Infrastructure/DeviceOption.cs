using System.CommandLine;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Platform;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>The <c>--device</c> and <c>--threads</c> options of the commands that evaluate models, and the back end they select.</summary>
public static class DeviceOption
{
    /// <summary>Creates the option.</summary>
    public static Option<string> Create() => Opt.Text("--device", "Where to evaluate: auto (the GPU when present), cpu or gpu (default auto)");

    /// <summary>Creates the <c>--threads</c> option.</summary>
    public static Option<string> Threads() => Opt.Text("--threads", "Most threads the CPU back end uses (default: every core)");

    /// <summary>The back end the options' values select.</summary>
    /// <exception cref="PlatformException">An unknown device, or a thread count that is not a whole number of at least 1.</exception>
    public static IEvaluationBackend Backend(CommandContext ctx, Option<string> option, Option<string> threadsOption)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        string text = ctx.Get(option) ?? "auto";
        if (!Enum.TryParse(text, ignoreCase: true, out EvaluationDevice device) || text.All(char.IsAsciiDigit))
        {
            throw PlatformException.BadInput($"--device '{text}' is not auto, cpu or gpu");
        }
        int? threads = null;
        if (ctx.Get(threadsOption) is { } count)
        {
            if (!int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
            {
                throw PlatformException.BadInput($"--threads '{count}' is not a whole number of at least 1");
            }
            threads = parsed;
        }
        try
        {
            return new EvaluationBackendFactory(new EvaluationBackendOptions { Device = device, Cpu = { Threads = threads } }).Create();
        }
        catch (Exception e) when (device == EvaluationDevice.Gpu && e is not Evaluation.Backends.Gpu.GpuUnavailableException and not PlatformException and not OperationCanceledException)
        {
            throw new Evaluation.Backends.Gpu.GpuUnavailableException(e.Message.Split('\n')[0].TrimEnd('.'));
        }
    }
}
