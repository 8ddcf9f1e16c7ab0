using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol.Moves;

/// <summary>The asset registry: register a model or dataset by its content hash and CID, transfer it, pay it revenue.</summary>
public static partial class RegistryMoves
{
    /// <summary><c>register(kind, contentHash, cid, metadataURI)</c>: the content's author registers it directly.</summary>
    public static Move Register(Address registry, byte kind, byte[] contentHash, string cid, string metadataUri) =>
        new("AssetRegistry.register", registry, AssetRegistry.EncodeRegisterCall(kind, contentHash, cid, metadataUri), BigInteger.Zero,
            $"register asset {cid} (content hash {HexConvert.Encode(contentHash)})");

    /// <summary><c>commitRegistration(commitment)</c>: step 1 of commit-reveal registration, hiding the content until step 2.</summary>
    public static Move CommitRegistration(Address registry, byte[] commitment) =>
        new("AssetRegistry.commitRegistration", registry, AssetRegistry.EncodeCommitRegistrationCall(commitment), BigInteger.Zero,
            $"commit to registering an asset ({HexConvert.Encode(commitment)})");

    /// <summary><c>registerCommitted</c>: step 2, the registration the commitment hid.</summary>
    public static Move RegisterCommitted(Address registry, byte kind, byte[] contentHash, string cid, string metadataUri, Address owner, byte[] salt) =>
        new("AssetRegistry.registerCommitted", registry, AssetRegistry.EncodeRegisterCommittedCall(kind, contentHash, cid, metadataUri, owner, salt), BigInteger.Zero,
            $"register asset {cid} for {owner} as committed");

    /// <summary><c>safeTransferFrom(from, to, tokenId)</c>.</summary>
    public static Move Transfer(Address registry, Address from, Address to, BigInteger tokenId) =>
        new("AssetRegistry.safeTransferFrom", registry, AssetRegistry.EncodeSafeTransferFromCall(from, to, tokenId), BigInteger.Zero,
            $"transfer asset {tokenId} from {from} to {to}");

    /// <summary><c>payRevenueETH(tokenId)</c> with <paramref name="amount"/> wei for the asset's owner.</summary>
    public static Move PayRevenueEth(Address registry, BigInteger tokenId, BigInteger amount) =>
        new("AssetRegistry.payRevenueETH", registry, AssetRegistry.EncodePayRevenueETHCall(tokenId), amount,
            $"pay {UnitFormat.Ether(amount)} of revenue to the owner of asset {tokenId}");
}
