namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>A parameter (or tuple field, or output) of an ABI entry.</summary>
/// <param name="Name">The Solidity name; empty when the ABI leaves it unnamed.</param>
/// <param name="Type">The type.</param>
/// <param name="Indexed">For event parameters: whether the value is a topic.</param>
internal sealed record ParameterModel(string Name, SolidityType Type, bool Indexed)
{
    /// <summary>The generator's view of a parameter of the ABI layer.</summary>
    public static ParameterModel From(Ethereum.Abi.AbiParameter parameter) =>
        new(parameter.Name, SolidityType.From(parameter.Type, parameter.InternalType), parameter.Indexed);
}
