namespace DaoPlatform.Cli.Infrastructure;

/// <summary>The documented exit codes of <c>daoplatform</c> (docs/cli.md, "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Usage error or bad input (a missing argument, a malformed address, amount or file, a wrong password).</summary>
    public const int BadInput = 1;

    /// <summary>The node or a content service could not be reached, is not there, or failed while answering.</summary>
    public const int ChainError = 2;

    /// <summary>A transaction or call reverted; the message names the contract error.</summary>
    public const int Reverted = 3;

    /// <summary>The thing named does not exist (a task, a proposal, an account, a deployment record).</summary>
    public const int NotFound = 4;

    /// <summary>
    /// Refused for safety: the node serves another chain than configured, a public deployment with devnet defaults, a
    /// transaction that moves value declined or sent from non-terminal input without <c>--yes</c>, a secret or record
    /// file that already exists.
    /// </summary>
    public const int Refused = 5;

    /// <summary>The requested device is not here (<c>--device gpu</c> without a usable CUDA GPU).</summary>
    public const int DeviceUnavailable = 6;

    /// <summary>An unexpected failure (a bug): still one line, never a stack trace.</summary>
    public const int Internal = 70;
}
