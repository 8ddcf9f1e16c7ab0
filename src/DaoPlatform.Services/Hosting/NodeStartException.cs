namespace DaoPlatform.Services.Hosting;

/// <summary>The node cannot start or stopped on a failure: one line for the operator, and the process's exit code (<see cref="NodeExitCodes"/>).</summary>
public sealed class NodeStartException(int exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The exit code (<see cref="NodeExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;
}
