namespace DaoPlatform.Ethereum.Abi;

/// <summary>The element types of a head/tail sequence: a tuple's components or an array's repeated element.</summary>
internal interface IAbiSequence
{
    int Count { get; }

    AbiType this[int index] { get; }

    /// <summary>The path segment naming element <paramref name="index"/> in errors.</summary>
    string Segment(int index);
}
