using DaoPlatform.Evaluation.Backends.Gpu;

namespace DaoPlatform.GpuBench;

/// <summary>Command-line settings of the GPU benchmark.</summary>
internal sealed class BenchOptions
{
    private static readonly string[] GpuModels =
        ["784-64-32-10", "784-256-128-10", "784-4096-4096-10", "4096-4096-4096-4096-4096-4096-4096-4096-16"];

    private static readonly string[] EmulatorModels = ["784-64-32-10", "100-300-70-10"];

    public required string Out { get; init; }
    public int Samples { get; init; }
    public int Reps { get; init; }
    public int ScalarSamples { get; init; }
    public int BatchSize { get; init; }

    /// <summary>The GPU paths to run; null is ILGPU's CPU accelerator (the local dry run).</summary>
    public required IReadOnlyList<GpuProduct?> Paths { get; init; }

    public required IReadOnlyList<int[]> Models { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        string? output = null;
        int? samples = null, reps = null, scalar = null, batch = null;
        bool emulator = false;
        string[]? models = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": output = Next(); break;
                case "--samples": samples = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--reps": reps = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--scalar": scalar = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--models": models = Next().Split(','); break;
                case "--emulator": emulator = true; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        return new BenchOptions
        {
            Out = output ?? throw new ArgumentException("--out DIR is required"),
            Samples = samples ?? (emulator ? 128 : 10_000),
            Reps = reps ?? (emulator ? 2 : 20),
            ScalarSamples = scalar ?? (emulator ? 128 : 256),
            BatchSize = batch ?? (emulator ? 64 : 10_048),
            Paths = emulator ? [null] : [GpuProduct.Ilgpu, GpuProduct.CublasLt],
            Models = [.. (models ?? (emulator ? EmulatorModels : GpuModels)).Select(m => m.Split('-').Select(int.Parse).ToArray())],
        };
    }
}
