namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>A parameter (or tuple field, or output) of an ABI entry.</summary>
/// <param name="Name">The Solidity name; empty when the ABI leaves it unnamed.</param>
/// <param name="Type">The parsed type.</param>
/// <param name="Indexed">For event parameters: whether the value is a topic.</param>
internal sealed record AbiParameter(string Name, SolidityType Type, bool Indexed);
