using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;

namespace DaoPlatform.Evaluation.Tests.Backends;

/// <summary>
/// The back ends every conformance and property test runs on: the scalar reference and each CPU kernel this machine
/// supports, forced one by one. Another back end joins every such test with one more line in <see cref="All"/>.
/// </summary>
public static class BackendCases
{
    public static IEnumerable<IEvaluationBackend> All()
    {
        yield return new ScalarBackend();
        foreach (CpuKernel kernel in new[] { CpuKernel.AvxVnni, CpuKernel.Avx512, CpuKernel.Portable }.Where(CpuBackend.IsSupported))
        {
            yield return new CpuBackend(new CpuBackendOptions { Kernel = kernel });
        }
    }

    /// <summary><see cref="All"/> as fixture arguments named by <see cref="IEvaluationBackend.Name"/>.</summary>
    public static IEnumerable<TestFixtureData> Fixtures() => All().Select(backend => new TestFixtureData(backend).SetArgDisplayNames(backend.Name));

    /// <summary>The back ends other than the scalar reference, for tests that compare against it.</summary>
    public static IEnumerable<TestCaseData> Accelerated() =>
        All().Where(backend => backend is not ScalarBackend).Select(backend => new TestCaseData(backend).SetArgDisplayNames(backend.Name));
}
