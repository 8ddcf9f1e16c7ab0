using System.Text;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// A contract function: its selector (the first four bytes of keccak256 of the canonical
/// signature), call-data encoding and decoding, and return-data decoding.
/// </summary>
public sealed class AbiFunction
{
    private readonly AbiTuple _inputs;
    private readonly AbiTuple _outputs;

    /// <summary>Creates a function from its parts.</summary>
    public AbiFunction(string name, IEnumerable<AbiParameter> inputs, IEnumerable<AbiParameter> outputs, AbiStateMutability stateMutability = AbiStateMutability.NonPayable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _inputs = new AbiTuple(inputs);
        _outputs = new AbiTuple(outputs);
        StateMutability = stateMutability;
        Signature = AbiSelector.Signature(name, _inputs.Components);
        SelectorValue = AbiSelector.Compute(Signature);
    }

    /// <summary>The function name.</summary>
    public string Name { get; }

    /// <summary>The input parameters.</summary>
    public IReadOnlyList<AbiParameter> Inputs => _inputs.Components;

    /// <summary>The output parameters.</summary>
    public IReadOnlyList<AbiParameter> Outputs => _outputs.Components;

    /// <summary>The state mutability.</summary>
    public AbiStateMutability StateMutability { get; }

    /// <summary>The canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>The selector as a big-endian number, e.g. <c>0xa9059cbb</c>.</summary>
    public uint SelectorValue { get; }

    /// <summary>The selector as <c>0x</c>-prefixed hex.</summary>
    public string SelectorHex => AbiSelector.ToHex(SelectorValue);

    /// <summary>The inputs as one tuple type.</summary>
    public AbiTuple InputTuple => _inputs;

    /// <summary>The outputs as one tuple type.</summary>
    public AbiTuple OutputTuple => _outputs;

    /// <summary>
    /// Parses a human-readable signature: <c>transfer(address,uint256)</c>,
    /// <c>function transfer(address to, uint256 amount) external returns (bool)</c>, <c>balanceOf(address) view returns (uint256)</c>.
    /// </summary>
    /// <exception cref="AbiException">The signature is malformed; the message names the position.</exception>
    public static AbiFunction Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        AbiSignature parsed = AbiSignatureParser.ParseSignature(signature);
        if (parsed.Keyword is not (null or "function"))
        {
            throw new AbiException($"ABI parse: '{signature}' declares {AbiSignatureParser.WithArticle(parsed.Keyword)}, not a function.");
        }
        AbiStateMutability mutability = AbiStateMutability.NonPayable;
        foreach (string modifier in parsed.Modifiers)
        {
            mutability = modifier switch
            {
                "view" => AbiStateMutability.View,
                "pure" => AbiStateMutability.Pure,
                "payable" => AbiStateMutability.Payable,
                "nonpayable" => AbiStateMutability.NonPayable,
                "external" or "public" or "virtual" or "override" => mutability,
                _ => throw new AbiException($"ABI parse: '{modifier}' is not a function modifier in '{signature}'."),
            };
        }
        return new AbiFunction(parsed.Name, parsed.Inputs, parsed.Outputs, mutability);
    }

    /// <summary>Returns the call data: the selector followed by the ABI-encoded arguments.</summary>
    /// <exception cref="AbiException">The argument count is wrong or a value does not fit its type; the message names the parameter.</exception>
    public byte[] EncodeCall(params object?[] arguments) =>
        AbiSelectorCodec.Encode(SelectorValue, _inputs, arguments, Signature);

    /// <summary>Decodes call data after checking that it starts with this function's selector.</summary>
    /// <exception cref="AbiException">The selector differs or the arguments are malformed; offsets in the message count from the start of the call data.</exception>
    public AbiValues DecodeCall(ReadOnlySpan<byte> callData) =>
        new(Inputs, AbiSelectorCodec.Decode(SelectorValue, _inputs, callData, Signature, "call data"));

    /// <summary>Encodes return values as the function would return them.</summary>
    public byte[] EncodeOutput(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Outputs.Count)
        {
            throw new AbiException($"ABI encode: {Signature} returns {Outputs.Count} values; got {values.Length}.");
        }
        return _outputs.Encode(values);
    }

    /// <summary>Decodes the data a call to this function returned.</summary>
    /// <exception cref="AbiException">The data is malformed.</exception>
    public AbiValues DecodeOutput(ReadOnlySpan<byte> returnData)
    {
        int position = 0;
        return new AbiValues(Outputs, _outputs.DecodeValues(returnData, ref position));
    }

    /// <summary>The canonical signature, as hashed for the selector.</summary>
    public string ToSignature() => Signature;

    /// <summary>The human-readable form, e.g. <c>function balanceOf(address owner) view returns (uint256)</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("function ").Append(Name);
        AbiHumanReadable.AppendParameters(builder, Inputs);
        if (StateMutability != AbiStateMutability.NonPayable)
        {
            builder.Append(' ').Append(StateMutability.ToString().ToLowerInvariant());
        }
        if (Outputs.Count > 0)
        {
            builder.Append(" returns ");
            AbiHumanReadable.AppendParameters(builder, Outputs);
        }
        return builder.ToString();
    }
}
