using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Signing.Eip712;

/// <summary>
/// An EIP-712 typed-data message: the types, the primary type, the domain and the message, as
/// <c>eth_signTypedData_v4</c> takes them. The signed digest is
/// keccak256(0x19 0x01 ‖ hashStruct(EIP712Domain, domain) ‖ hashStruct(primaryType, message)), or, when the
/// primary type is <c>EIP712Domain</c> itself, keccak256(0x19 0x01 ‖ domainSeparator) with the message ignored, as
/// MetaMask's <c>eth_signTypedData_v4</c> and hardware wallets sign it.
/// Struct values are member dictionaries, arrays are lists, and atomic values are the CLR values
/// the ABI layer encodes (BigInteger or built-in integers, <see cref="Address"/>, bool, byte[], string).
/// </summary>
public sealed class TypedData
{
    /// <summary>Creates typed data over a type set that declares <c>EIP712Domain</c> and <paramref name="primaryType"/>.</summary>
    /// <exception cref="Eip712Exception">A type is missing.</exception>
    public TypedData(Eip712TypeSet types, string primaryType, IReadOnlyDictionary<string, object?> domain, IReadOnlyDictionary<string, object?> message)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(message);
        if (!types.Contains(Eip712Domain.TypeName))
        {
            throw new Eip712Exception("EIP-712: types do not declare EIP712Domain.");
        }
        if (string.IsNullOrEmpty(primaryType) || !types.Contains(primaryType))
        {
            throw new Eip712Exception($"EIP-712: primaryType '{primaryType}' is not among the declared types.");
        }
        Types = types;
        PrimaryType = primaryType;
        Domain = domain;
        Message = message;
    }

    /// <summary>The struct types, including <c>EIP712Domain</c>.</summary>
    public Eip712TypeSet Types { get; }

    /// <summary>The type of <see cref="Message"/>.</summary>
    public string PrimaryType { get; }

    /// <summary>The domain's member values.</summary>
    public IReadOnlyDictionary<string, object?> Domain { get; }

    /// <summary>The message's member values.</summary>
    public IReadOnlyDictionary<string, object?> Message { get; }

    /// <summary>
    /// Creates typed data from the message's struct types (without <c>EIP712Domain</c>, which is derived
    /// from the members <paramref name="domain"/> sets).
    /// </summary>
    public static TypedData Create(
        IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types,
        string primaryType,
        Eip712Domain domain,
        IReadOnlyDictionary<string, object?> message)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(domain);
        if (types.ContainsKey(Eip712Domain.TypeName))
        {
            throw new Eip712Exception("EIP-712: pass the domain as Eip712Domain, not as an EIP712Domain entry in types.");
        }
        var all = new Dictionary<string, IReadOnlyList<TypedDataField>>(types, StringComparer.Ordinal)
        {
            [Eip712Domain.TypeName] = domain.Fields,
        };
        return new TypedData(new Eip712TypeSet(all), primaryType, domain.Values, message);
    }

    /// <summary>Parses the JSON that <c>eth_signTypedData_v4</c> takes: <c>{ types, primaryType, domain, message }</c>.</summary>
    /// <exception cref="Eip712Exception">The JSON is malformed or does not fit the types; the message names the member.</exception>
    public static TypedData FromJson(string json) => TypedDataJson.Parse(json);

    /// <summary>hashStruct(EIP712Domain, domain).</summary>
    public byte[] DomainSeparator() => Types.HashStruct(Eip712Domain.TypeName, Domain);

    /// <summary>True when the primary type is <c>EIP712Domain</c>: the digest then covers the domain alone.</summary>
    public bool SignsDomainOnly => PrimaryType == Eip712Domain.TypeName;

    /// <summary>hashStruct(primaryType, message).</summary>
    /// <exception cref="Eip712Exception">The primary type is <c>EIP712Domain</c>, whose digest has no message hash; or the message does not fit its types.</exception>
    public byte[] HashMessage() => SignsDomainOnly
        ? throw new Eip712Exception("EIP-712: primaryType EIP712Domain signs keccak256(0x1901 ‖ domainSeparator); there is no message hash.")
        : Types.HashStruct(PrimaryType, Message);

    /// <summary>
    /// The digest that is signed: keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)), or
    /// keccak256(0x19 0x01 ‖ domainSeparator) when <see cref="SignsDomainOnly"/>.
    /// </summary>
    public byte[] GetSigningHash()
    {
        Span<byte> buffer = stackalloc byte[2 + 32 + 32];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        DomainSeparator().CopyTo(buffer[2..]);
        if (SignsDomainOnly)
        {
            return Keccak256.Hash(buffer[..34]);
        }
        HashMessage().CopyTo(buffer[34..]);
        return Keccak256.Hash(buffer);
    }

    /// <summary>Signs the typed data as <c>eth_signTypedData_v4</c> does.</summary>
    public Signature Sign(EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(GetSigningHash());
    }

    /// <summary>Recovers the address that signed this typed data.</summary>
    public Address RecoverSigner(Signature signature) => PublicKey.RecoverAddress(GetSigningHash(), signature);
}
