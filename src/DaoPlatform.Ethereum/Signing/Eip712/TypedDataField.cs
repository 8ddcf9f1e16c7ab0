namespace DaoPlatform.Ethereum.Signing.Eip712;

/// <summary>One member of an EIP-712 struct type: its name and its type string (<c>address</c>, <c>Person[]</c>, <c>bytes32[2]</c>...).</summary>
/// <param name="Name">The member name.</param>
/// <param name="Type">The member type string.</param>
public sealed record TypedDataField(string Name, string Type);
