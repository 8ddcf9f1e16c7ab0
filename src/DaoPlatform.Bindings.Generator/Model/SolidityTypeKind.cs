namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>The kinds of Solidity ABI types the generator maps to C#.</summary>
internal enum SolidityTypeKind
{
    UInt,
    Int,
    Address,
    Bool,
    FixedBytes,
    Bytes,
    String,
    FixedArray,
    DynamicArray,
    Tuple,
}
