namespace DaoPlatform.Evaluation.Backends.Gpu;

/// <summary>The GPU back end was asked for where it cannot run: no CUDA device (of that index), or a required library missing.</summary>
public sealed class GpuUnavailableException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public GpuUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message naming what is missing.</summary>
    public GpuUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public GpuUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
