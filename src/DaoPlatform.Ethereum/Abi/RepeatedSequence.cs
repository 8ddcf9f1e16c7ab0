using System.Globalization;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>An array's <paramref name="count"/> elements of one type as a head/tail sequence.</summary>
internal readonly struct RepeatedSequence(AbiType element, int count) : IAbiSequence
{
    public int Count => count;

    public AbiType this[int index] => element;

    public string Segment(int index) => "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
