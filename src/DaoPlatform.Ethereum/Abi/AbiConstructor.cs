namespace DaoPlatform.Ethereum.Abi;

/// <summary>A contract constructor: its arguments are ABI-encoded and appended to the creation bytecode.</summary>
public sealed class AbiConstructor
{
    private readonly AbiTuple _inputs;

    /// <summary>Creates a constructor from its parameters.</summary>
    public AbiConstructor(IEnumerable<AbiParameter> inputs, AbiStateMutability stateMutability = AbiStateMutability.NonPayable)
    {
        _inputs = new AbiTuple(inputs);
        StateMutability = stateMutability;
    }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<AbiParameter> Inputs => _inputs.Components;

    /// <summary><see cref="AbiStateMutability.Payable"/> when the constructor accepts ether.</summary>
    public AbiStateMutability StateMutability { get; }

    /// <summary>The ABI-encoded arguments, to append to the creation bytecode.</summary>
    /// <exception cref="AbiException">The argument count is wrong or a value does not fit its type.</exception>
    public byte[] EncodeArguments(params object?[] arguments)
    {
        AbiSelectorCodec.CheckArgumentCount(_inputs, arguments, "constructor" + _inputs.Name);
        return _inputs.Encode(arguments);
    }

    /// <summary>The deployment data: <paramref name="bytecode"/> followed by the encoded arguments.</summary>
    public byte[] EncodeDeployment(ReadOnlySpan<byte> bytecode, params object?[] arguments)
    {
        AbiSelectorCodec.CheckArgumentCount(_inputs, arguments, "constructor" + _inputs.Name);
        byte[] data = new byte[bytecode.Length + _inputs.GetEncodedSize(arguments)];
        bytecode.CopyTo(data);
        _inputs.Encode(arguments, data.AsSpan(bytecode.Length));
        return data;
    }

    /// <summary>Decodes encoded constructor arguments (the bytes after the creation bytecode).</summary>
    public AbiValues DecodeArguments(ReadOnlySpan<byte> encodedArguments)
    {
        int position = 0;
        return new AbiValues(Inputs, _inputs.DecodeValues(encodedArguments, ref position));
    }
}
