using System.Runtime.Intrinsics.X86;
using System.Text.Json;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// How many predictions of each implementation the evaluation benchmarks time differ from the scalar reference, over
/// every sample of every case (<c>-- agreement FILE</c>, run by scripts/benchmark evaluation before the timings).
/// Written as JSON for benchmarks/evaluation-table.mjs, keyed by the benchmark method's name, with the CPU's
/// instruction sets and the kernel the CPU back end picked.
/// </summary>
internal static class EvaluationAgreement
{
    public static int Run(string path)
    {
        var cases = new List<object>();
        string kernel = "";
        foreach ((string model, int samples, bool mnist) in EvaluationRun.Cases)
        {
            using var run = new EvaluationRun(model, samples, mnist);
            kernel = run.Cpu.Name;
            int[] reference = Reference(run);
            var differing = new Dictionary<string, int>
            {
                ["Vectorised"] = Differing(reference, run.Vectorised().Select(p => (long)p).ToArray()),
                ["OnnxRuntime"] = Differing(reference, run.OnnxRuntime(OnnxInputRoute.OffsetU8S8)),
                ["OnnxRuntimeU8U8"] = Differing(reference, run.OnnxRuntime(OnnxInputRoute.U8U8)),
                ["OnnxRuntimeS8S8"] = Differing(reference, run.OnnxRuntime(OnnxInputRoute.S8S8)),
            };
            Console.WriteLine($"{model}, {samples} samples: predictions differing from the scalar reference: " +
                string.Join(", ", differing.Select(d => $"{d.Key} {d.Value}")));
            cases.Add(new { model, samples, differing });
        }
        string[] instructionSets = [.. new (string Name, bool Has)[]
        {
            ("AVX2", Avx2.IsSupported), ("AVX-512BW", Avx512BW.IsSupported), ("AVX-VNNI", AvxVnni.IsSupported),
            ("AVX10.1", Avx10v1.IsSupported), ("AVX-VNNI-INT8", AvxVnniInt8.IsSupported),
        }.Where(set => set.Has).Select(set => set.Name)];
        File.WriteAllText(path, JsonSerializer.Serialize(new { kernel, instructionSets, cores = Environment.ProcessorCount, cases }));
        return 0;
    }

    /// <summary>The scalar reference's predictions, the batch split over the cores (the loop itself is single-threaded).</summary>
    private static int[] Reference(EvaluationRun run)
    {
        int n = run.Network.InputSize;
        int[] predictions = new int[run.Samples];
        int chunk = (run.Samples + Environment.ProcessorCount - 1) / Environment.ProcessorCount;
        Parallel.For(0, Environment.ProcessorCount, c =>
        {
            int start = c * chunk;
            int count = Math.Min(chunk, run.Samples - start);
            if (count > 0)
            {
                run.Scalar.Predict(run.Network, run.Inputs.AsSpan(start * n, count * n), predictions.AsSpan(start, count));
            }
        });
        return predictions;
    }

    private static int Differing(int[] reference, long[] predictions) => reference.Where((p, s) => predictions[s] != p).Count();
}
