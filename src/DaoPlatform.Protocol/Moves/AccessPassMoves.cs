using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>Access passes (docs/assets.md): buy a pass to an asset's content under its owner's terms.</summary>
public static class AccessPassMoves
{
    /// <summary>
    /// <c>buy(passId, quantity, to)</c> paying <paramref name="price"/> × <paramref name="quantity"/> wei, for a pass
    /// priced in ETH (an ERC-20 price is pulled by the contract and needs an allowance first).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The quantity or price is not positive.</exception>
    public static Move BuyWithEth(Address passes, BigInteger passId, BigInteger assetId, BigInteger price, BigInteger quantity, Address to)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        BigInteger total = price * quantity;
        return new("AccessPasses.buy", passes, AccessPasses.EncodeBuyCall(passId, quantity, to), total,
            $"buy {quantity} access pass{(quantity.IsOne ? "" : "es")} {passId} to asset {assetId} for {to}, paying {UnitFormat.Ether(total)} into the asset's revenue");
    }
}
