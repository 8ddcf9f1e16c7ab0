using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// Adapts the EIP-712 struct types generated from typed-data.json (one encodeType string such as
/// <c>Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)</c> and values in field order) to the
/// signing layer's <see cref="TypedData"/>.
/// </summary>
public static class TypedDataStruct
{
    /// <summary>keccak256 of the encodeType string.</summary>
    /// <exception cref="Eip712Exception">The type string is malformed.</exception>
    public static byte[] TypeHash(string typeString)
    {
        var (name, types) = Types(typeString);
        return new Eip712TypeSet(types).TypeHash(name);
    }

    /// <summary>hashStruct of <paramref name="values"/> (in field order).</summary>
    /// <exception cref="Eip712Exception">A value does not fit its field; the message names it.</exception>
    public static byte[] HashStruct(string typeString, object?[] values)
    {
        var (name, types) = Types(typeString);
        return new Eip712TypeSet(types).HashStruct(name, Message(types[name], values));
    }

    /// <summary>The typed data of <paramref name="values"/> under <paramref name="domain"/>: what a signer signs.</summary>
    public static TypedData Create(string typeString, Eip712Domain domain, object?[] values)
    {
        var (name, types) = Types(typeString);
        return TypedData.Create(types, name, domain, Message(types[name], values));
    }

    private static (string Name, Dictionary<string, IReadOnlyList<TypedDataField>> Types) Types(string typeString)
    {
        ArgumentNullException.ThrowIfNull(typeString);
        var open = typeString.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !typeString.EndsWith(')'))
        {
            throw new Eip712Exception($"EIP-712: '{typeString}' is not of the form Name(type name,...).");
        }

        var body = typeString[(open + 1)..^1];
        var fields = new List<TypedDataField>();
        foreach (var field in body.Length == 0 ? [] : body.Split(','))
        {
            var parts = field.Split(' ');
            fields.Add(parts.Length == 2 ? new TypedDataField(parts[1], parts[0]) : throw new Eip712Exception($"EIP-712: field '{field}' of '{typeString}' is not 'type name'."));
        }

        var name = typeString[..open];
        return (name, new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal) { [name] = fields });
    }

    private static Dictionary<string, object?> Message(IReadOnlyList<TypedDataField> fields, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != fields.Count)
        {
            throw new Eip712Exception($"EIP-712: {fields.Count} fields; got {values.Length} values.");
        }

        var message = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            message.Add(fields[i].Name, values[i]);
        }

        return message;
    }
}
