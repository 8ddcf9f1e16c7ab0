using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Backends.Gpu;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Generators;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Evaluation.Tests.Backends;

/// <summary>The factory's choice of back end and the CPU fallback of a failing GPU.</summary>
public sealed class BackendSelectionTests
{
    [Test]
    public void A_failing_launch_falls_back_to_the_cpu_result_with_a_warning()
    {
        ModelCase @case = ModelGenerator.Build([20, 10, 4], 25, new Random(1));
        QuantizedModel model = @case.Model;
        sbyte[] inputs = @case.Inputs;
        var expected = new int[25];
        new ScalarBackend().Predict(model, inputs, expected);
        var logger = new RecordingLogger();
        var failing = new FailingBackend();
        using var backend = new FallbackBackend(failing, new ScalarBackend(), logger);

        var first = new int[25];
        backend.Predict(model, inputs, first);
        var second = new int[25];
        backend.Predict(model, inputs, second);

        Assert.That(first, Is.EqualTo(expected));
        Assert.That(second, Is.EqualTo(expected));
        Assert.That(failing.Calls, Is.EqualTo(1), "a failed GPU is not retried");
        Assert.That(backend.Name, Is.EqualTo("scalar"));
        Assert.That(logger.Warnings, Has.Count.EqualTo(1));
        Assert.That(logger.Warnings[0], Does.Contain("failing-gpu").And.Contain("launch failed: out of resources").And.Contain("scalar"));
    }

    [Test]
    public void Bad_input_is_reported_not_hidden_by_the_fallback()
    {
        QuantizedModel model = ModelGenerator.Build([4, 2], 1, new Random(2)).Model;
        var failing = new FailingBackend();
        using var backend = new FallbackBackend(failing, new ScalarBackend());

        Assert.Throws<ArgumentException>(() => backend.Predict(model, new sbyte[5], new int[2]));
        Assert.That(failing.Calls, Is.Zero);
        Assert.That(backend.PrimaryFailed, Is.False);
    }

    [Test]
    public void Auto_without_a_cuda_device_gives_the_cpu_back_end()
    {
        var factory = new EvaluationBackendFactory(
            new EvaluationBackendOptions(), null, () => new ScalarBackend(), _ => throw new AssertionException("no GPU to open"), () => 0);

        Assert.That(factory.Create(), Is.InstanceOf<ScalarBackend>());
    }

    [Test]
    public void Auto_on_this_machine_matches_its_cuda_devices()
    {
        // The real discovery: on a machine without CUDA (CI) this is the CPU back end.
        int devices = GpuBackend.CudaDeviceCount();
        IEvaluationBackend backend = new EvaluationBackendFactory(new EvaluationBackendOptions()).Create();
        try
        {
            Assert.That(backend, devices == 0 ? Is.InstanceOf<CpuBackend>() : Is.InstanceOf<FallbackBackend>());
        }
        finally
        {
            (backend as IDisposable)?.Dispose();
        }
    }

    [Test]
    public void Auto_with_a_gpu_that_cannot_open_gives_the_cpu_back_end_with_a_warning()
    {
        var logger = new RecordingLogger();
        var factory = new EvaluationBackendFactory(
            new EvaluationBackendOptions(), logger, () => new ScalarBackend(), _ => throw new GpuUnavailableException("device busy"), () => 1);

        Assert.That(factory.Create(), Is.InstanceOf<ScalarBackend>());
        Assert.That(logger.Warnings.Single(), Does.Contain("device busy"));
    }

    [Test]
    public void Auto_with_a_cuda_device_gives_the_gpu_with_the_cpu_as_fallback()
    {
        var gpu = new FailingBackend();
        var factory = new EvaluationBackendFactory(new EvaluationBackendOptions(), null, () => new ScalarBackend(), _ => gpu, () => 1);

        var backend = (FallbackBackend)factory.Create();

        Assert.That(backend.Primary, Is.SameAs(gpu));
        Assert.That(backend.Fallback, Is.InstanceOf<ScalarBackend>());
    }

    [Test]
    public void Forcing_the_gpu_where_there_is_none_is_a_clear_error()
    {
        var factory = new EvaluationBackendFactory(
            new EvaluationBackendOptions { Device = EvaluationDevice.Gpu }, null, () => new ScalarBackend(),
            _ => throw new AssertionException("no GPU to open"), () => 0);

        var error = Assert.Throws<GpuUnavailableException>(() => factory.Create())!;

        Assert.That(error.Message, Does.Contain("no CUDA device is present"));
    }

    [TestCase(100)]
    [TestCase(0)]
    public void A_gpu_batch_size_that_is_not_whole_tiles_is_a_configuration_error_even_on_auto(int batchSize)
    {
        var factory = new EvaluationBackendFactory(
            new EvaluationBackendOptions { GpuBatchSize = batchSize }, null, () => new ScalarBackend(),
            _ => throw new AssertionException("no GPU to open"), () => 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => factory.Create())!;

        Assert.That(error.Message, Does.Contain("multiple of 64"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void A_cpu_thread_count_below_one_is_a_configuration_error_even_on_auto(int threads)
    {
        var factory = new EvaluationBackendFactory(
            new EvaluationBackendOptions { Cpu = { Threads = threads } }, null, () => new ScalarBackend(),
            _ => throw new AssertionException("no GPU to open"), () => 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => factory.Create())!;

        Assert.That(error.ParamName, Is.EqualTo("options.Cpu.Threads"));
    }

    [Test]
    public void One_thread_predicts_as_every_core()
    {
        ModelCase @case = ModelGenerator.Build([50, 40, 10], 300, new Random(3));
        var oneThread = new int[300];
        var everyCore = new int[300];

        new CpuBackend(new CpuBackendOptions { Threads = 1 }).Predict(@case.Model, @case.Inputs, oneThread);
        new CpuBackend().Predict(@case.Model, @case.Inputs, everyCore);

        Assert.That(oneThread, Is.EqualTo(everyCore));
    }

    [Test]
    public void Forcing_the_cpu_never_opens_the_gpu()
    {
        var factory = new EvaluationBackendFactory(
            new EvaluationBackendOptions { Device = EvaluationDevice.Cpu }, null, () => new ScalarBackend(),
            _ => throw new AssertionException("no GPU to open"), () => throw new AssertionException("no discovery"));

        Assert.That(factory.Create(), Is.InstanceOf<ScalarBackend>());
    }

    /// <summary>A GPU stand-in whose every launch fails the way a lost or exhausted device does.</summary>
    private sealed class FailingBackend : IEvaluationBackend
    {
        public int Calls { get; private set; }

        public string Name => "failing-gpu";

        public void Predict(QuantizedModel model, ReadOnlySpan<sbyte> inputs, Span<int> predictions)
        {
            Calls++;
            predictions.Fill(99);
            throw new InvalidOperationException("launch failed: out of resources");
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
