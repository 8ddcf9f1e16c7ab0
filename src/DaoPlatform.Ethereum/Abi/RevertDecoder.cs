namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Decodes revert data against the built-in <c>Error(string)</c> and <c>Panic(uint256)</c> and a set
/// of custom errors. It never throws for bad data: unknown selectors and malformed data come back
/// as results that say what was wrong, since they usually describe a failure already in progress.
/// </summary>
public sealed class RevertDecoder
{
    private readonly Dictionary<uint, AbiError> _errors = [];
    private readonly IRevertDescriber? _describer;

    /// <summary>Creates a decoder for the built-in errors plus <paramref name="customErrors"/>.</summary>
    /// <exception cref="AbiException">Two different error signatures share a selector.</exception>
    public RevertDecoder(IEnumerable<AbiError> customErrors) : this(customErrors, null)
    {
    }

    /// <summary>
    /// Creates a decoder for the built-in errors plus <paramref name="customErrors"/>, whose custom errors
    /// <paramref name="describer"/> describes (the arguments as <c>name=value</c> when null).
    /// </summary>
    /// <exception cref="AbiException">Two different error signatures share a selector.</exception>
    public RevertDecoder(IEnumerable<AbiError> customErrors, IRevertDescriber? describer)
    {
        ArgumentNullException.ThrowIfNull(customErrors);
        _describer = describer;
        Add(AbiError.ErrorString);
        Add(AbiError.Panic);
        foreach (AbiError error in customErrors)
        {
            Add(error);
        }
    }

    /// <summary>Creates a decoder for the built-in errors only.</summary>
    public RevertDecoder() : this([])
    {
    }

    /// <summary>Every error this decoder knows, the built-in ones first.</summary>
    public IEnumerable<AbiError> Errors => _errors.Values;

    /// <summary>Finds the error with <paramref name="selector"/>, or null.</summary>
    public AbiError? Find(uint selector) => _errors.GetValueOrDefault(selector);

    /// <summary>Decodes <paramref name="revertData"/>.</summary>
    public DecodedRevert Decode(ReadOnlySpan<byte> revertData)
    {
        byte[] data = revertData.ToArray();
        if (data.Length == 0)
        {
            return new DecodedRevert(RevertKind.Empty, data, null, null, "empty revert data");
        }
        if (data.Length < AbiSelector.Length)
        {
            return new DecodedRevert(RevertKind.Malformed, data, null, null,
                $"malformed revert data: {data.Length} bytes is shorter than a 4-byte selector");
        }
        uint selector = AbiSelector.Read(data);
        if (!_errors.TryGetValue(selector, out AbiError? error))
        {
            return new DecodedRevert(RevertKind.UnknownSelector, data, null, null,
                $"unknown selector {AbiSelector.ToHex(selector)} ({data.Length} bytes of revert data)");
        }
        AbiValues arguments;
        try
        {
            arguments = error.Decode(data);
        }
        catch (AbiException e)
        {
            return new DecodedRevert(RevertKind.Malformed, data, error, null,
                $"malformed revert data for {error.Signature}: {e.Message}");
        }
        RevertKind kind = ReferenceEquals(error, AbiError.ErrorString) ? RevertKind.ErrorString
            : ReferenceEquals(error, AbiError.Panic) ? RevertKind.Panic
            : RevertKind.CustomError;
        if (kind != RevertKind.CustomError)
        {
            return new DecodedRevert(kind, data, error, arguments, DecodedRevert.Describe(error, arguments, null));
        }
        DecodedRevert? inner = FindInner(arguments);
        string description = _describer?.Describe(error, arguments, inner) ?? DecodedRevert.Describe(error, arguments, inner);
        return new DecodedRevert(kind, data, error, arguments, description, inner);
    }

    /// <summary>
    /// The first <c>bytes</c> argument that holds a revert of a known error: a wrapper such as a multisig's
    /// <c>ExecutionFailed(txHash, returnData)</c> carries the failed call's revert data. Each level is strictly
    /// shorter than the one holding it, so the recursion ends.
    /// </summary>
    private DecodedRevert? FindInner(AbiValues arguments)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments.Parameters[i].Type is AbiBytes && arguments[i] is byte[] { Length: >= AbiSelector.Length } bytes
                && _errors.ContainsKey(AbiSelector.Read(bytes)))
            {
                return Decode(bytes);
            }
        }
        return null;
    }

    private void Add(AbiError error)
    {
        if (_errors.TryGetValue(error.SelectorValue, out AbiError? existing))
        {
            if (existing.Signature != error.Signature)
            {
                throw new AbiException($"ABI errors {existing.Signature} and {error.Signature} share selector {error.SelectorHex}.");
            }
            return;
        }
        _errors.Add(error.SelectorValue, error);
    }
}
