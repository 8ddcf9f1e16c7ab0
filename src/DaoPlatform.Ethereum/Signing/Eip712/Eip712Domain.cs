using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Signing.Eip712;

/// <summary>
/// The EIP-712 domain: any subset of name, version, chainId, verifyingContract and salt. Only the
/// members that are set take part in the <c>EIP712Domain</c> type, in the order the EIP lists them.
/// </summary>
public sealed class Eip712Domain
{
    /// <summary>The type name of the domain struct.</summary>
    public const string TypeName = "EIP712Domain";

    /// <summary>The user-readable name of the signing domain (the dapp or protocol).</summary>
    public string? Name { get; init; }

    /// <summary>The current major version of the signing domain.</summary>
    public string? Version { get; init; }

    /// <summary>The EIP-155 chain id.</summary>
    public BigInteger? ChainId { get; init; }

    /// <summary>The contract that will verify the signature.</summary>
    public Address? VerifyingContract { get; init; }

    /// <summary>A 32-byte disambiguating salt.</summary>
    public byte[]? Salt { get; init; }

    /// <summary>The <c>EIP712Domain</c> members for the fields that are set.</summary>
    public IReadOnlyList<TypedDataField> Fields
    {
        get
        {
            var fields = new List<TypedDataField>();
            if (Name is not null)
            {
                fields.Add(new TypedDataField("name", "string"));
            }
            if (Version is not null)
            {
                fields.Add(new TypedDataField("version", "string"));
            }
            if (ChainId is not null)
            {
                fields.Add(new TypedDataField("chainId", "uint256"));
            }
            if (VerifyingContract is not null)
            {
                fields.Add(new TypedDataField("verifyingContract", "address"));
            }
            if (Salt is not null)
            {
                fields.Add(new TypedDataField("salt", "bytes32"));
            }
            return fields;
        }
    }

    /// <summary>The values of the fields that are set, keyed by member name.</summary>
    public IReadOnlyDictionary<string, object?> Values
    {
        get
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (Name is not null)
            {
                values["name"] = Name;
            }
            if (Version is not null)
            {
                values["version"] = Version;
            }
            if (ChainId is { } chainId)
            {
                values["chainId"] = chainId;
            }
            if (VerifyingContract is { } contract)
            {
                values["verifyingContract"] = contract;
            }
            if (Salt is not null)
            {
                values["salt"] = Salt;
            }
            return values;
        }
    }

    /// <summary>The type for a domain given only by the member names present (as ethers infers it when <c>types</c> omits <c>EIP712Domain</c>).</summary>
    internal static IReadOnlyList<TypedDataField> FieldsFor(IEnumerable<string> memberNames)
    {
        var present = new HashSet<string>(memberNames, StringComparer.Ordinal);
        (string Name, string Type)[] canonical =
            [("name", "string"), ("version", "string"), ("chainId", "uint256"), ("verifyingContract", "address"), ("salt", "bytes32")];
        foreach (string member in present)
        {
            if (!canonical.Any(c => c.Name == member))
            {
                throw new Eip712Exception($"EIP-712: domain member '{member}' is not one of name, version, chainId, verifyingContract, salt; declare EIP712Domain in types to use it.");
            }
        }
        return [.. canonical.Where(c => present.Contains(c.Name)).Select(c => new TypedDataField(c.Name, c.Type))];
    }
}
