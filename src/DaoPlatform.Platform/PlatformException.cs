namespace DaoPlatform.Platform;

/// <summary>What kind of problem a <see cref="PlatformException"/> reports; callers map it to an exit code.</summary>
public enum PlatformErrorKind
{
    /// <summary>The input is malformed or inconsistent (an amount, an address, a file).</summary>
    BadInput,

    /// <summary>The thing named does not exist (a task, a proposal, an account, a deployment).</summary>
    NotFound,

    /// <summary>The action is refused for safety (a chain id mismatch, a public deployment with devnet defaults).</summary>
    Refused,

    /// <summary>A service the action needs cannot be reached, is not at the address given, or failed while answering.</summary>
    Unavailable,
}

/// <summary>
/// A problem the user can act on, with a message that names what was wrong (the value, the file, the id).
/// The platform's services throw it for input they reject before anything is sent.
/// </summary>
public sealed class PlatformException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlatformException(PlatformErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>What kind of problem this is.</summary>
    public PlatformErrorKind Kind { get; }

    /// <summary>A <see cref="PlatformErrorKind.BadInput"/> exception.</summary>
    public static PlatformException BadInput(string message, Exception? inner = null) => new(PlatformErrorKind.BadInput, message, inner);

    /// <summary>A <see cref="PlatformErrorKind.NotFound"/> exception.</summary>
    public static PlatformException NotFound(string message) => new(PlatformErrorKind.NotFound, message);

    /// <summary>A <see cref="PlatformErrorKind.Refused"/> exception.</summary>
    public static PlatformException Refused(string message) => new(PlatformErrorKind.Refused, message);

    /// <summary>A <see cref="PlatformErrorKind.Unavailable"/> exception.</summary>
    public static PlatformException Unavailable(string message, Exception? inner = null) => new(PlatformErrorKind.Unavailable, message, inner);
}
