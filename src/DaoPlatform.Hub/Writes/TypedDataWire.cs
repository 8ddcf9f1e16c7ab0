using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Hub.Writes;

/// <summary>
/// Typed data in the JSON shape <c>eth_signTypedData_v4</c> takes (EIP-712's JSON-RPC form, as MetaMask documents
/// it): <c>types</c> with <c>EIP712Domain</c>, <c>primaryType</c>, <c>domain</c>, <c>message</c>; integers as
/// decimal strings, addresses and bytes as 0x-hex.
/// </summary>
internal static class TypedDataWire
{
    public static JsonObject ToJson(TypedData typedData)
    {
        ArgumentNullException.ThrowIfNull(typedData);
        var types = new JsonObject();
        foreach ((string name, IReadOnlyList<TypedDataField> fields) in typedData.Types.Structs)
        {
            types[name] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type })]);
        }
        return new JsonObject
        {
            ["types"] = types,
            ["primaryType"] = typedData.PrimaryType,
            ["domain"] = Values(typedData.Domain),
            ["message"] = Values(typedData.Message),
        };
    }

    private static JsonObject Values(IReadOnlyDictionary<string, object?> values)
    {
        var json = new JsonObject();
        foreach ((string name, object? value) in values)
        {
            json[name] = Value(value);
        }
        return json;
    }

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        byte or sbyte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
        Address a => a.ToChecksumString(),
        byte[] bytes => HexConvert.Encode(bytes),
        IReadOnlyDictionary<string, object?> nested => Values(nested),
        System.Collections.IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(Value)]),
        _ => throw new ArgumentException($"typed data value of type {value.GetType().Name} has no JSON form", nameof(value)),
    };
}
