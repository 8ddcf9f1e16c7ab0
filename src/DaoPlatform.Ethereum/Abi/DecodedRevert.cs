using System.Globalization;
using System.Numerics;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>The result of decoding revert data with <see cref="RevertDecoder"/>.</summary>
public sealed class DecodedRevert
{
    internal DecodedRevert(RevertKind kind, byte[] data, AbiError? error, AbiValues? arguments, string description, DecodedRevert? inner = null)
    {
        Inner = inner;
        Kind = kind;
        Data = data;
        Error = error;
        Arguments = arguments;
        Description = description;
    }

    /// <summary>What was found.</summary>
    public RevertKind Kind { get; }

    /// <summary>The raw revert data.</summary>
    public byte[] Data { get; }

    /// <summary>The matched error (built-in or custom), or null.</summary>
    public AbiError? Error { get; }

    /// <summary>The decoded error arguments, or null.</summary>
    public AbiValues? Arguments { get; }

    /// <summary>The reason string of <c>Error(string)</c>, or null.</summary>
    public string? Reason => Kind == RevertKind.ErrorString ? (string?)Arguments![0] : null;

    /// <summary>The code of <c>Panic(uint256)</c>, or null.</summary>
    public BigInteger? PanicCode => Kind == RevertKind.Panic ? (BigInteger?)Arguments![0] : null;

    /// <summary>The selector as <c>0x</c>-hex when the data has one, else null.</summary>
    public string? Selector => Data.Length >= 4 ? HexConvert.Encode(Data.AsSpan(0, 4)) : null;

    /// <summary>
    /// The revert carried in a <c>bytes</c> argument of this error, decoded: what failed inside a wrapper such as a
    /// multisig's <c>ExecutionFailed(txHash, returnData)</c>. Null when no argument holds a known error.
    /// </summary>
    public DecodedRevert? Inner { get; }

    /// <summary>The innermost revert: follows <see cref="Inner"/> to its end (this revert when it wraps none).</summary>
    public DecodedRevert Innermost
    {
        get
        {
            DecodedRevert revert = this;
            while (revert.Inner is not null)
            {
                revert = revert.Inner;
            }
            return revert;
        }
    }

    /// <summary>A one-line description, e.g. <c>InsufficientBalance(available=1, required=2)</c> or <c>unknown selector 0x12345678</c>.</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Description;

    internal static string Describe(AbiError error, AbiValues arguments, DecodedRevert? inner)
    {
        if (ReferenceEquals(error, AbiError.Panic))
        {
            return "Panic(" + PanicCodes.Describe((BigInteger)arguments[0]!) + ")";
        }
        string described = string.Create(CultureInfo.InvariantCulture, $"{error.Name}({arguments})");
        return inner is null ? described : described + " caused by " + inner.Description;
    }
}
