namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>A Hardhat artifact read and validated: the contract's identity, ABI entries and creation bytecode.</summary>
internal sealed record ContractArtifact(
    string FilePath,
    string ContractName,
    string SourceName,
    string AbiJson,
    AbiConstructorEntry Constructor,
    IReadOnlyList<AbiFunctionEntry> Functions,
    IReadOnlyList<AbiEventEntry> Events,
    IReadOnlyList<AbiErrorEntry> Errors,
    string Bytecode,
    IReadOnlyList<string> UnlinkedLibraries)
{
    /// <summary>Interfaces and abstract contracts have no creation code and get no deploy method.</summary>
    public bool IsDeployable => Bytecode.Length > 2;
}
