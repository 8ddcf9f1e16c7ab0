using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Signing.Eip712;

/// <summary>
/// A parsed member type: a struct name, an ABI value type (uintN, intN, address, bool, bytesN),
/// a dynamic type (bytes, string), or an array (fixed or dynamic) of any of these.
/// </summary>
internal sealed class Eip712FieldType
{
    private Eip712FieldType(string text)
    {
        Text = text;
    }

    /// <summary>The type string as written.</summary>
    public string Text { get; }

    /// <summary>The struct name, for a struct type.</summary>
    public string? StructName { get; private init; }

    /// <summary>The ABI type, for an atomic or dynamic (bytes, string) type.</summary>
    public AbiType? Abi { get; private init; }

    /// <summary>The element type, for an array.</summary>
    public Eip712FieldType? Element { get; private init; }

    /// <summary>The fixed length of an array, or null for a dynamic array.</summary>
    public int? ArrayLength { get; private init; }

    public static Eip712FieldType Parse(string text, IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> structs, string where)
    {
        if (text.EndsWith(']'))
        {
            int open = text.LastIndexOf('[');
            if (open <= 0)
            {
                throw new Eip712Exception($"EIP-712: {where} has malformed type '{text}'.");
            }
            string dimension = text[(open + 1)..^1];
            int? length = null;
            if (dimension.Length > 0)
            {
                if (!int.TryParse(dimension, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int fixedLength) || fixedLength == 0)
                {
                    throw new Eip712Exception($"EIP-712: {where} has malformed array length in type '{text}'.");
                }
                length = fixedLength;
            }
            return new Eip712FieldType(text) { Element = Parse(text[..open], structs, where), ArrayLength = length };
        }
        if (structs.ContainsKey(text))
        {
            return new Eip712FieldType(text) { StructName = text };
        }
        AbiType? abi = null;
        if (!text.Contains('(', StringComparison.Ordinal))
        {
            try
            {
                abi = AbiType.Parse(text);
            }
            catch (AbiException)
            {
                abi = null;
            }
        }
        // Aliases such as uint are not EIP-712 type names; the canonical name must be written.
        if (abi is null || abi.Name != text || abi is AbiTuple or AbiFixedArray or AbiDynamicArray)
        {
            throw new Eip712Exception($"EIP-712: {where} references unknown type '{text}'.");
        }
        return new Eip712FieldType(text) { Abi = abi };
    }
}
