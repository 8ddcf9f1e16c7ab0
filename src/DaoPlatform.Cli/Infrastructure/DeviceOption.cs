using System.CommandLine;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Platform;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>The <c>--device</c> option of the commands that evaluate models, and the back end it selects.</summary>
public static class DeviceOption
{
    /// <summary>Creates the option.</summary>
    public static Option<string> Create() => Opt.Text("--device", "Where to evaluate: auto (the GPU when present), cpu or gpu (default auto)");

    /// <summary>The back end the option's value selects.</summary>
    /// <exception cref="PlatformException">An unknown device.</exception>
    public static IEvaluationBackend Backend(CommandContext ctx, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        string text = ctx.Get(option) ?? "auto";
        if (!Enum.TryParse(text, ignoreCase: true, out EvaluationDevice device) || text.All(char.IsAsciiDigit))
        {
            throw PlatformException.BadInput($"--device '{text}' is not auto, cpu or gpu");
        }
        try
        {
            return new EvaluationBackendFactory(new EvaluationBackendOptions { Device = device }).Create();
        }
        catch (Exception e) when (device == EvaluationDevice.Gpu && e is not Evaluation.Backends.Gpu.GpuUnavailableException and not PlatformException and not OperationCanceledException)
        {
            throw new Evaluation.Backends.Gpu.GpuUnavailableException(e.Message.Split('\n')[0].TrimEnd('.'));
        }
    }
}
