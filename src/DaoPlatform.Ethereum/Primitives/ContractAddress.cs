using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Primitives;

/// <summary>Addresses of contracts created with CREATE (Ethereum Yellow Paper §7: keccak256(rlp([sender, nonce]))[12..]).</summary>
public static class ContractAddress
{
    /// <summary>The address a CREATE from <paramref name="sender"/> at <paramref name="nonce"/> gives.</summary>
    public static Address OfCreate(Address sender, ulong nonce)
    {
        int content = RlpWriter.LengthOf(sender) + RlpWriter.LengthOf(nonce);
        Span<byte> encoded = stackalloc byte[RlpWriter.LengthOfList(content)];
        var writer = new RlpWriter(encoded);
        writer.WriteListHeader(content);
        writer.WriteAddress(sender);
        writer.WriteUInt64(nonce);
        return new Address(Keccak256.Hash(encoded).AsSpan(12));
    }
}
