using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>A back end that stops in the middle of an evaluation until released, then fails as a killed process would.</summary>
internal sealed class BlockingBackend : IEvaluationBackend, IDisposable
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly ManualResetEventSlim _released = new();

    public string Name => "blocking";

    public void Predict(QuantizedModel model, ReadOnlySpan<sbyte> inputs, Span<int> predictions)
    {
        _entered.Release();
        _released.Wait(TimeSpan.FromSeconds(60));
        throw new OperationCanceledException("the process was killed in the middle of the evaluation");
    }

    public Task<bool> EnteredAsync(TimeSpan timeout) => _entered.WaitAsync(timeout);

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _entered.Dispose();
        _released.Dispose();
    }
}
