using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Backends.Gpu;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.GpuBench;

// The GPU check and benchmark (scripts/gpu-check runs it, then scripts/gpu_bench_torch.py on its output):
// for each model, every GPU path is timed (kernel compilation apart, then steady-state samples/s) and checked
// bit for bit against the vectorised CPU back end (every sample) and the scalar reference (a subset); the models, inputs and predictions
// are written under --out for PyTorch to run the same networks and compare.
//   DaoPlatform.GpuBench --out DIR [--samples 10000] [--reps 20] [--scalar 256] [--emulator] [--models 784-64-32-10,...]

var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.Out);
Console.WriteLine($"CUDA devices: {GpuBackend.CudaDeviceCount()}; paths: {string.Join(", ", options.Paths.Select(p => p?.ToString() ?? "emulator"))}");

var results = new List<PathResult>();
var backends = new List<(string Label, GpuBackend? Backend, string? Error, double CompileMs)>();
foreach (GpuProduct? product in options.Paths)
{
    var watch = Stopwatch.StartNew();
    try
    {
        GpuBackend backend = product is { } p ? GpuBackend.CreateCuda(0, p, options.BatchSize) : GpuBackend.CreateCpuEmulator(options.BatchSize);
        backends.Add((backend.Name, backend, null, watch.Elapsed.TotalMilliseconds));
        Console.WriteLine($"{backend.Name} on {backend.DeviceName}: accelerator + kernel compilation {watch.Elapsed.TotalMilliseconds:F0} ms");
    }
    catch (Exception e)
    {
        backends.Add((product?.ToString() ?? "emulator", null, e.Message, 0));
        Console.WriteLine($"{product}: unavailable: {e.Message}");
    }
}

for (int index = 0; index < options.Models.Count; index++)
{
    int[] dims = options.Models[index];
    string name = string.Join('-', dims);
    string folder = Path.Combine(options.Out, $"model{index}");
    Directory.CreateDirectory(folder);
    var watch = Stopwatch.StartNew();
    QuantizedModel model = BenchModel.Create(dims, seed: 1000 + index);
    sbyte[] inputs = BenchModel.Inputs(dims[0], options.Samples, seed: 2000 + index);
    Write(folder, name, model, inputs);
    int checkedSamples = Math.Min(options.ScalarSamples, options.Samples);
    int[] reference = ScalarPredictions(model, inputs, checkedSamples);
    Console.WriteLine($"{name}: model, {options.Samples} inputs and {checkedSamples} scalar predictions in {watch.Elapsed.TotalSeconds:F1} s");

    // The CPU back end on every sample: the reference every GPU path must equal (its second run timed, for scale).
    var cpu = new CpuBackend();
    int[] first = new int[options.Samples];
    cpu.Predict(model, inputs, first);
    watch.Restart();
    cpu.Predict(model, inputs, first);
    double cpuMs = watch.Elapsed.TotalMilliseconds;
    bool cpuExact = first.AsSpan(0, checkedSamples).SequenceEqual(reference);
    results.Add(new PathResult(name, cpu.Name, model.MacsPerSample, options.Samples, 0, cpuMs, cpuMs, cpuExact, true, null));
    Console.WriteLine($"{name} {cpu.Name}: {cpuMs:F1} ms = {options.Samples / cpuMs * 1e3:N0} samples/s on {Environment.ProcessorCount} cores, "
        + $"scalar subset {(cpuExact ? "exact" : "DIFFERS")}");
    foreach ((string label, GpuBackend? backend, string? error, double compileMs) in backends)
    {
        if (backend is null)
        {
            results.Add(new PathResult(name, label, model.MacsPerSample, options.Samples, compileMs, 0, 0, false, false, error));
            continue;
        }
        var predictions = new int[options.Samples];
        try
        {
            watch.Restart();
            backend.Predict(model, inputs, predictions);
            double firstMs = watch.Elapsed.TotalMilliseconds;
            var times = new double[options.Reps];
            for (int r = 0; r < options.Reps; r++)
            {
                Array.Fill(predictions, -1);
                watch.Restart();
                backend.Predict(model, inputs, predictions);
                times[r] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            double median = times[times.Length / 2];
            bool scalarExact = predictions.AsSpan(0, checkedSamples).SequenceEqual(reference);
            bool pathsExact = predictions.AsSpan().SequenceEqual(first);
            File.WriteAllBytes(Path.Combine(folder, $"pred_{label}.bin"), MemoryMarshal.AsBytes(predictions.AsSpan()).ToArray());
            results.Add(new PathResult(name, label, model.MacsPerSample, options.Samples, compileMs, firstMs, median, scalarExact, pathsExact, null));
            Console.WriteLine($"{name} {label}: first call {firstMs:F1} ms, median {median:F3} ms = {options.Samples / median * 1e3:N0} samples/s, "
                + $"scalar subset {(scalarExact ? "exact" : "DIFFERS")}, CPU back end {(pathsExact ? "exact" : "DIFFERS")}");
        }
        catch (Exception e)
        {
            results.Add(new PathResult(name, label, model.MacsPerSample, options.Samples, compileMs, 0, 0, false, false, e.Message));
            Console.WriteLine($"{name} {label}: FAILED: {e}");
        }
    }
}
foreach ((_, GpuBackend? backend, _, _) in backends)
{
    backend?.Dispose();
}

var auto = new EvaluationBackendFactory(new EvaluationBackendOptions()).Create();
Console.WriteLine($"Auto selects: {auto.Name}");
(auto as IDisposable)?.Dispose();

WriteResults(Path.Combine(options.Out, "results.json"), results);
return results.TrueForAll(r => r.Error is null && r.ScalarExact && r.PathsExact) ? 0 : 1;

static int[] ScalarPredictions(QuantizedModel model, sbyte[] inputs, int samples)
{
    var predictions = new int[samples];
    Parallel.For(0, samples, s =>
    {
        int[] logits = ScalarBackend.Trace(model, inputs.AsSpan(s * model.InputSize, model.InputSize))[^1];
        predictions[s] = ScalarBackend.ArgMax(logits);
    });
    return predictions;
}

static void Write(string folder, string name, QuantizedModel model, sbyte[] inputs)
{
    for (int l = 0; l < model.Layers.Count; l++)
    {
        QuantizedLayer layer = model.Layers[l];
        File.WriteAllBytes(Path.Combine(folder, $"weights_{l}.bin"), MemoryMarshal.AsBytes(layer.Weights.AsSpan()).ToArray());
        // Little-endian int32, as numpy's "<i4" reads them.
        byte[] biases = new byte[layer.Biases.Length * 4];
        for (int j = 0; j < layer.Biases.Length; j++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(biases.AsSpan(j * 4), layer.Biases[j]);
        }
        File.WriteAllBytes(Path.Combine(folder, $"biases_{l}.bin"), biases);
    }
    File.WriteAllBytes(Path.Combine(folder, "inputs.bin"), MemoryMarshal.AsBytes(inputs.AsSpan()).ToArray());
    using FileStream stream = File.Create(Path.Combine(folder, "manifest.json"));
    using var json = new Utf8JsonWriter(stream);
    json.WriteStartObject();
    json.WriteString("name", name);
    json.WriteNumber("samples", inputs.Length / model.InputSize);
    json.WriteStartArray("dims");
    json.WriteNumberValue(model.InputSize);
    foreach (QuantizedLayer layer in model.Layers)
    {
        json.WriteNumberValue(layer.Outputs);
    }
    json.WriteEndArray();
    json.WriteStartArray("shifts");
    foreach (QuantizedLayer layer in model.Layers)
    {
        json.WriteNumberValue(layer.Shift);
    }
    json.WriteEndArray();
    json.WriteEndObject();
}

static void WriteResults(string path, List<PathResult> results)
{
    using FileStream stream = File.Create(path);
    using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
    json.WriteStartArray();
    foreach (PathResult r in results)
    {
        json.WriteStartObject();
        json.WriteString("model", r.Model);
        json.WriteString("path", r.Path);
        json.WriteNumber("macs", r.Macs);
        json.WriteNumber("samples", r.Samples);
        json.WriteNumber("compile_ms", r.CompileMs);
        json.WriteNumber("first_ms", r.FirstMs);
        json.WriteNumber("median_ms", r.MedianMs);
        json.WriteBoolean("scalar_exact", r.ScalarExact);
        json.WriteBoolean("paths_exact", r.PathsExact);
        if (r.Error is not null)
        {
            json.WriteString("error", r.Error);
        }
        json.WriteEndObject();
    }
    json.WriteEndArray();
}

internal sealed record PathResult(
    string Model, string Path, long Macs, int Samples, double CompileMs, double FirstMs, double MedianMs, bool ScalarExact, bool PathsExact, string? Error);
