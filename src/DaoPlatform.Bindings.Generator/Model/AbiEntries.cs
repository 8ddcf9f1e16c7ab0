namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>A function of a contract ABI. <see cref="Index"/> is its position in the artifact's <c>abi</c> array.</summary>
internal sealed record AbiFunctionEntry(int Index, string Name, IReadOnlyList<AbiParameter> Inputs, IReadOnlyList<AbiParameter> Outputs, string StateMutability)
{
    public string Signature => AbiSignatures.Of(Name, Inputs);

    /// <summary>View and pure functions are read with eth_call; the others are sent as transactions.</summary>
    public bool IsReadOnly => StateMutability is "view" or "pure";

    public bool IsPayable => StateMutability == "payable";
}

/// <summary>An event of a contract ABI.</summary>
internal sealed record AbiEventEntry(int Index, string Name, IReadOnlyList<AbiParameter> Inputs, bool Anonymous)
{
    public string Signature => AbiSignatures.Of(Name, Inputs);
}

/// <summary>A custom error of a contract ABI.</summary>
internal sealed record AbiErrorEntry(int Index, string Name, IReadOnlyList<AbiParameter> Inputs)
{
    public string Signature => AbiSignatures.Of(Name, Inputs);
}

/// <summary>The constructor of a contract ABI (a default one when the ABI declares none).</summary>
internal sealed record AbiConstructorEntry(IReadOnlyList<AbiParameter> Inputs, bool IsPayable);

internal static class AbiSignatures
{
    public static string Of(string name, IReadOnlyList<AbiParameter> inputs) =>
        name + "(" + string.Join(",", inputs.Select(p => p.Type.Canonical)) + ")";
}
