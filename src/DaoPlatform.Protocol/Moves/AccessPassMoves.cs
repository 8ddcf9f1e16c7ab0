using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>Access passes (AccessPasses, ERC-1155): offer terms for an asset, buy passes, authorize the content service to record uses.</summary>
public static class AccessPassMoves
{
    /// <summary>
    /// <c>offer(assetId, paymentToken, price, duration, uses)</c>: new terms for asset <paramref name="assetId"/>, a new pass id.
    /// Exactly one of <paramref name="duration"/> (seconds) and <paramref name="uses"/> is non-zero; the price in
    /// <paramref name="token"/>'s symbol and decimals when given.
    /// </summary>
    public static Move Offer(Address passes, BigInteger assetId, Address paymentToken, BigInteger price, ulong duration, ulong uses, TokenInfo? token = null) =>
        new("AccessPasses.offer", passes, AccessPasses.EncodeOfferCall(assetId, paymentToken, price, duration, uses), BigInteger.Zero,
            $"offer passes to asset {assetId} at {Amounts.Of(price, paymentToken, token)} each, "
            + (duration != 0 ? $"each opening access for {duration} s" : $"each good for {uses} download{(uses == 1 ? "" : "s")}"));

    /// <summary>
    /// <c>buy(passId, quantity, to)</c> paying <paramref name="quantity"/> × the price of <paramref name="terms"/>: ETH with the
    /// call, or an ERC-20 approved first (amounts in <paramref name="token"/>'s symbol and decimals when given).
    /// </summary>
    public static IReadOnlyList<Move> Buy(Address passes, BigInteger passId, AccessPasses.Terms terms, BigInteger quantity, Address to, TokenInfo? token = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        BigInteger total = terms.Price * quantity;
        return TaskMoves.WithApproval(terms.PaymentToken, passes, total, $"{quantity} pass{(quantity == 1 ? "" : "es")} {passId}",
            new Move("AccessPasses.buy", passes, AccessPasses.EncodeBuyCall(passId, quantity, to), terms.PaymentToken == Address.Zero ? total : BigInteger.Zero,
                $"buy {quantity} pass{(quantity == 1 ? "" : "es")} {passId} to asset {terms.AssetId} for {to}, paying {Amounts.Of(total, terms.PaymentToken, token)} into the asset's revenue"),
            token);
    }

    /// <summary><c>setConsumer(assetId, consumer, allowed)</c>: lets <paramref name="consumer"/> (a content service's key) record uses of the asset's passes.</summary>
    public static Move SetConsumer(Address passes, BigInteger assetId, Address consumer, bool allowed) =>
        new("AccessPasses.setConsumer", passes, AccessPasses.EncodeSetConsumerCall(assetId, consumer, allowed), BigInteger.Zero,
            $"{(allowed ? "let" : "stop")} {consumer} {(allowed ? "record" : "recording")} uses of asset {assetId}'s passes");

    /// <summary><c>withdrawRevenueETH(to)</c>: the sender's ETH revenue from all its assets, paid to <paramref name="to"/>.</summary>
    public static Move WithdrawRevenueEth(Address registry, Address to, BigInteger expected) =>
        new("AssetRegistry.withdrawRevenueETH", registry, AssetRegistry.EncodeWithdrawRevenueETHCall(to), BigInteger.Zero,
            $"withdraw {UnitFormat.Ether(expected)} of asset revenue to {to}");
}
