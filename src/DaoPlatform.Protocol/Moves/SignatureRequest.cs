using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// An EIP-712 signature a member is asked for (a governor ballot, a vault approval): the typed data a wallet shows
/// (<c>eth_signTypedData_v4</c>), and the three hashes of EIP-712 §"Specification" a hardware wallet or an auditor
/// checks: the domain separator, the struct hash and the digest signed (<c>keccak256(0x1901 ‖ domainSeparator ‖ structHash)</c>).
/// </summary>
/// <param name="TypedData">The domain, types and message.</param>
/// <param name="Summary">
/// What the signature authorizes, for a person, as a noun phrase that reads after "authorizes" and "Signed:" (e.g.
/// <c>a delegation of 0x…'s votes to 0x…</c>), never a verb.
/// </param>
public sealed record SignatureRequest(TypedData TypedData, string Summary)
{
    /// <summary>hashStruct(domain), 32 bytes.</summary>
    public byte[] DomainSeparator => TypedData.DomainSeparator();

    /// <summary>hashStruct(message), 32 bytes.</summary>
    public byte[] StructHash => TypedData.HashMessage();

    /// <summary>The digest signed, 32 bytes.</summary>
    public byte[] Digest => TypedData.GetSigningHash();

    /// <summary>Signs the digest with <paramref name="key"/> (RFC 6979 deterministic nonce).</summary>
    public Signature Sign(EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TypedData.Sign(key);
    }
}
