using System.Globalization;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>A tuple's components as a head/tail sequence.</summary>
internal readonly struct ComponentSequence(AbiParameter[] components) : IAbiSequence
{
    public int Count => components.Length;

    public AbiType this[int index] => components[index].Type;

    public string Segment(int index) =>
        components[index].Name.Length > 0 ? components[index].Name : "#" + index.ToString(CultureInfo.InvariantCulture);
}
