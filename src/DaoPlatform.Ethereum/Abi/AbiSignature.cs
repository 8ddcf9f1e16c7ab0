namespace DaoPlatform.Ethereum.Abi;

/// <summary>A parsed human-readable signature before it is interpreted as a function, event, error or constructor.</summary>
internal sealed record AbiSignature(
    string? Keyword,
    string Name,
    IReadOnlyList<AbiParameter> Inputs,
    IReadOnlyList<AbiParameter> Outputs,
    IReadOnlyList<string> Modifiers);
