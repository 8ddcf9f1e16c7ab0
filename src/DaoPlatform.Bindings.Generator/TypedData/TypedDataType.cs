using DaoPlatform.Bindings.Generator.Model;

namespace DaoPlatform.Bindings.Generator.TypedData;

/// <summary>An EIP-712 struct type declared in typed-data.json, e.g. <c>Ballot(uint256 proposalId,uint8 support)</c>.</summary>
internal sealed record TypedDataType(string Name, string TypeString, IReadOnlyList<ParameterModel> Fields);
