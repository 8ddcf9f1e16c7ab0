using System.Text;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hashing;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// EIP-712 hashing of the flat struct types generated from typed-data.json (atomic fields, <c>bytes</c>, <c>string</c>):
/// <c>hashStruct(s) = keccak256(typeHash ‖ encodeData(s))</c> with dynamic fields hashed, and the signing digest.
/// </summary>
public static class TypedDataStruct
{
    /// <summary>keccak256 of the encodeType string, e.g. <c>Ballot(uint256 proposalId,uint8 support,...)</c>.</summary>
    public static byte[] TypeHash(string typeString)
    {
        ArgumentNullException.ThrowIfNull(typeString);
        return Keccak256.Hash(Encoding.UTF8.GetBytes(typeString));
    }

    /// <summary>The hashStruct of <paramref name="values"/> (in field order) under <paramref name="typeString"/>.</summary>
    /// <exception cref="AbiException">A value does not fit its field's type.</exception>
    public static byte[] HashStruct(string typeString, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var fieldTypes = FieldTypes(typeString);
        if (fieldTypes.Count != values.Length)
        {
            throw new AbiException($"EIP-712: {typeString} has {fieldTypes.Count} fields; got {values.Length} values.");
        }

        var encoded = new byte[32 * (values.Length + 1)];
        TypeHash(typeString).CopyTo(encoded, 0);
        for (var i = 0; i < values.Length; i++)
        {
            var word = encoded.AsSpan(32 * (i + 1), 32);
            switch (fieldTypes[i])
            {
                case "string":
                    Keccak256.Hash(Encoding.UTF8.GetBytes(values[i] as string ?? throw new AbiException($"EIP-712: field {i} of {typeString} is a string; got {values[i]?.GetType().Name ?? "null"}.")), word);
                    break;
                case "bytes":
                    Keccak256.Hash(values[i] as byte[] ?? throw new AbiException($"EIP-712: field {i} of {typeString} is bytes; got {values[i]?.GetType().Name ?? "null"}."), word);
                    break;
                default:
                    AbiType.Parse(fieldTypes[i]).Encode(values[i], word);
                    break;
            }
        }

        return Keccak256.Hash(encoded);
    }

    /// <summary>The digest a signer signs: <c>keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct)</c>.</summary>
    public static byte[] SigningHash(ReadOnlySpan<byte> domainSeparator, ReadOnlySpan<byte> hashStruct)
    {
        if (domainSeparator.Length != 32 || hashStruct.Length != 32)
        {
            throw new ArgumentException($"EIP-712: the domain separator and hashStruct are 32 bytes each; got {domainSeparator.Length} and {hashStruct.Length}.");
        }

        Span<byte> message = stackalloc byte[66];
        message[0] = 0x19;
        message[1] = 0x01;
        domainSeparator.CopyTo(message[2..]);
        hashStruct.CopyTo(message[34..]);
        return Keccak256.Hash(message);
    }

    private static List<string> FieldTypes(string typeString)
    {
        ArgumentNullException.ThrowIfNull(typeString);
        var open = typeString.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !typeString.EndsWith(')'))
        {
            throw new AbiException($"EIP-712: '{typeString}' is not of the form Name(type name,...).");
        }

        var body = typeString[(open + 1)..^1];
        return body.Length == 0 ? [] : body.Split(',').Select(field => field.Split(' ')[0]).ToList();
    }
}
