using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Index;

/// <summary>An asset's access passes as offered and sold (events of <c>AccessPasses</c>).</summary>
public sealed record AssetMarketView(IReadOnlyList<PassOfferView> Offers, IReadOnlyList<PassSaleView> Sales);

/// <summary>One offer (<c>TermsOffered</c>): pass <paramref name="PassId"/> at <paramref name="Price"/> base units of
/// <paramref name="PaymentToken"/> (zero: wei), for <paramref name="Duration"/> seconds or <paramref name="Uses"/> uses.</summary>
public sealed record PassOfferView(BigInteger PassId, Address PaymentToken, BigInteger Price, ulong Duration, ulong Uses, bool OnSale, ChainMoment Offered);

/// <summary>One sale (<c>PassesBought</c>): what was paid and what reached the asset's revenue.</summary>
public sealed record PassSaleView(
    BigInteger PassId, Address Buyer, Address To, BigInteger Quantity, Address PaymentToken, BigInteger Paid, BigInteger Received, ChainMoment Bought, string TransactionHash);
