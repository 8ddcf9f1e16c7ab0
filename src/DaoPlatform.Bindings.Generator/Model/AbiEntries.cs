namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>A function of a contract ABI.</summary>
internal sealed record AbiFunctionEntry(string Name, IReadOnlyList<ParameterModel> Inputs, IReadOnlyList<ParameterModel> Outputs, string StateMutability)
{
    public string Signature => AbiSignatures.Of(Name, Inputs);

    /// <summary>View and pure functions are read with eth_call; the others are sent as transactions.</summary>
    public bool IsReadOnly => StateMutability is "view" or "pure";

    public bool IsPayable => StateMutability == "payable";
}

/// <summary>An event of a contract ABI.</summary>
internal sealed record AbiEventEntry(string Name, IReadOnlyList<ParameterModel> Inputs, bool Anonymous)
{
    public string Signature => AbiSignatures.Of(Name, Inputs);
}

/// <summary>A custom error of a contract ABI.</summary>
internal sealed record AbiErrorEntry(string Name, IReadOnlyList<ParameterModel> Inputs)
{
    public string Signature => AbiSignatures.Of(Name, Inputs);
}

/// <summary>The constructor of a contract ABI (a default one when the ABI declares none).</summary>
internal sealed record AbiConstructorEntry(IReadOnlyList<ParameterModel> Inputs, bool IsPayable);

internal static class AbiSignatures
{
    public static string Of(string name, IReadOnlyList<ParameterModel> inputs) =>
        name + "(" + string.Join(",", inputs.Select(p => p.Type.Canonical)) + ")";
}
