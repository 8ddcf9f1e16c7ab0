namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// A named, typed slot: a function input or output, an event or error parameter, or a tuple component.
/// </summary>
public sealed class AbiParameter
{
    /// <summary>Creates a parameter.</summary>
    /// <param name="name">The name; empty when unnamed.</param>
    /// <param name="type">The ABI type.</param>
    /// <param name="internalType">The Solidity type as the compiler wrote it in the JSON ABI (e.g. <c>struct Order[]</c>), or null.</param>
    /// <param name="indexed">For event parameters: whether the value is a topic.</param>
    public AbiParameter(string name, AbiType type, string? internalType = null, bool indexed = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        InternalType = internalType;
        Indexed = indexed;
    }

    /// <summary>The name; empty when unnamed.</summary>
    public string Name { get; }

    /// <summary>The ABI type.</summary>
    public AbiType Type { get; }

    /// <summary>The compiler's <c>internalType</c> (keeps struct and contract names), or null.</summary>
    public string? InternalType { get; }

    /// <summary>For event parameters: whether the value is a topic.</summary>
    public bool Indexed { get; }

    /// <summary>The human-readable form, e.g. <c>address indexed from</c>.</summary>
    public override string ToString()
    {
        string text = Indexed ? Type.Name + " indexed" : Type.Name;
        return Name.Length == 0 ? text : text + " " + Name;
    }
}
