using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Backends.Gpu;

namespace DaoPlatform.Evaluation.Tests.Backends;

/// <summary>
/// The back ends every conformance and property test runs on: the scalar reference and each CPU kernel this machine
/// supports, forced one by one. Another back end joins every such test with one more line in <see cref="All"/>.
/// The kernels this CPU lacks appear in <see cref="Accelerated"/> as skipped cases, with the reason.
/// </summary>
public static class BackendCases
{
    /// <summary>Every CPU kernel but Auto, fastest first.</summary>
    public static readonly CpuKernel[] Kernels = [CpuKernel.AvxVnni, CpuKernel.Avx512, CpuKernel.Avx2, CpuKernel.Portable];

    public static IEnumerable<IEvaluationBackend> All()
    {
        yield return new ScalarBackend();
        foreach (CpuKernel kernel in Kernels.Where(CpuBackend.IsSupported))
        {
            yield return new CpuBackend(new CpuBackendOptions { Kernel = kernel });
        }
        // The GPU kernels on ILGPU's CPU accelerator: an emulator, too slow for the property tests (see Accelerated).
        yield return GpuEmulator.Value;
    }

    /// <summary>One emulator for the whole run: each instance compiles the kernels and starts its own threads.</summary>
    internal static readonly Lazy<GpuBackend> GpuEmulator = new(() => GpuBackend.CreateCpuEmulator());

    /// <summary><see cref="All"/> as fixture arguments named by <see cref="IEvaluationBackend.Name"/>.</summary>
    public static IEnumerable<TestFixtureData> Fixtures() => All().Select(backend => new TestFixtureData(backend).SetArgDisplayNames(backend.Name));

    /// <summary>
    /// The back ends other than the scalar reference and the GPU emulator, for the property and 4096-wide tests that
    /// compare against it (the emulator's own random-model tests are in Gpu/GpuKernelTests, sized for it).
    /// </summary>
    public static IEnumerable<IEvaluationBackend> Fast() => All().Where(backend => backend is not ScalarBackend and not GpuBackend);

    /// <summary><see cref="Fast"/> as test-case arguments named by <see cref="IEvaluationBackend.Name"/>.</summary>
    public static IEnumerable<TestCaseData> Accelerated() =>
        Fast().Select(backend => new TestCaseData(backend).SetArgDisplayNames(backend.Name))
            .Concat(Lacking().Select(kernel => new TestCaseData([null]).SetArgDisplayNames(kernel.Name).Ignore(kernel.Reason)));

    /// <summary>The kernels this CPU or runtime cannot run, named as their back end would be, with the reason.</summary>
    public static IEnumerable<(string Name, string Reason)> Lacking() =>
        Kernels.Where(kernel => !CpuBackend.IsSupported(kernel))
            .Select(kernel => ($"cpu-{kernel.ToString().ToLowerInvariant()}", $"this CPU or runtime lacks the instructions of the {kernel} kernel"));
}
