using System.Text;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// A custom error (<c>error InsufficientBalance(uint256 available, uint256 required)</c>): revert data is
/// its 4-byte selector followed by the ABI-encoded parameters, like a function call.
/// </summary>
public sealed class AbiError
{
    private readonly AbiTuple _inputs;

    /// <summary>Creates an error from its parts.</summary>
    public AbiError(string name, IEnumerable<AbiParameter> inputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _inputs = new AbiTuple(inputs);
        Signature = AbiSelector.Signature(name, _inputs.Components);
        SelectorValue = AbiSelector.Compute(Signature);
    }

    /// <summary>The built-in <c>Error(string)</c> that <c>require(cond, "message")</c> and <c>revert("message")</c> raise (selector 0x08c379a0).</summary>
    public static AbiError ErrorString { get; } = new("Error", [new AbiParameter("message", AbiString.Instance)]);

    /// <summary>The built-in <c>Panic(uint256)</c> that failed assertions and checked arithmetic raise (selector 0x4e487b71); see <see cref="PanicCode"/>.</summary>
    public static AbiError Panic { get; } = new("Panic", [new AbiParameter("code", AbiUInt.UInt256)]);

    /// <summary>The error name.</summary>
    public string Name { get; }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<AbiParameter> Inputs => _inputs.Components;

    /// <summary>The canonical signature, e.g. <c>InsufficientBalance(uint256,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>The selector as a big-endian number.</summary>
    public uint SelectorValue { get; }

    /// <summary>The selector as <c>0x</c>-prefixed hex.</summary>
    public string SelectorHex => AbiSelector.ToHex(SelectorValue);

    /// <summary>Parses <c>error InsufficientBalance(uint256 available, uint256 required)</c> (the keyword is optional).</summary>
    /// <exception cref="AbiException">The signature is malformed.</exception>
    public static AbiError Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        AbiSignature parsed = AbiSignatureParser.ParseSignature(signature);
        if (parsed.Keyword is not (null or "error"))
        {
            throw new AbiException($"ABI parse: '{signature}' declares {AbiSignatureParser.WithArticle(parsed.Keyword)}, not an error.");
        }
        if (parsed.Modifiers.Count > 0 || parsed.Outputs.Count > 0)
        {
            throw new AbiException($"ABI parse: error '{signature}' takes no modifiers or 'returns'.");
        }
        return new AbiError(parsed.Name, parsed.Inputs);
    }

    /// <summary>Returns the revert data for this error with <paramref name="arguments"/>.</summary>
    /// <exception cref="AbiException">The argument count is wrong or a value does not fit its type.</exception>
    public byte[] Encode(params object?[] arguments) => AbiSelectorCodec.Encode(SelectorValue, _inputs, arguments, Signature);

    /// <summary>Decodes revert data after checking that it starts with this error's selector.</summary>
    /// <exception cref="AbiException">The selector differs or the data is malformed.</exception>
    public AbiValues Decode(ReadOnlySpan<byte> revertData) =>
        new(Inputs, AbiSelectorCodec.Decode(SelectorValue, _inputs, revertData, Signature, "revert data"));

    /// <summary>The canonical signature, as hashed for the selector.</summary>
    public string ToSignature() => Signature;

    /// <summary>The human-readable form, e.g. <c>error InsufficientBalance(uint256 available, uint256 required)</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("error ").Append(Name);
        AbiHumanReadable.AppendParameters(builder, Inputs);
        return builder.ToString();
    }
}
