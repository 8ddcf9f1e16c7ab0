using System.Numerics;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform.Units;

/// <summary>
/// Amounts of an ERC-20 written in whole tokens (<c>2.5</c>) and shown in the token's own decimals and symbol
/// (<c>2.5 USDC</c> is 2,500,000 base units of a 6-decimal token). A token that states no <c>symbol()</c> and
/// <c>decimals()</c> (a null <see cref="TokenInfo"/>) is taken to have 18 decimals, as <see cref="EtherAmount"/> does.
/// </summary>
public static class TokenAmount
{
    /// <summary>Parses <paramref name="text"/> (whole tokens, the syntax of <see cref="EtherAmount.Parse"/>) into base units of the token.</summary>
    /// <param name="text">The amount as written.</param>
    /// <param name="token">The token's symbol and decimals, or null for 18 decimals.</param>
    /// <param name="what">What the amount is, for the error (e.g. <c>--price</c>).</param>
    /// <exception cref="PlatformException">The text is not an amount, or has more decimals than the token.</exception>
    public static BigInteger Parse(string text, TokenInfo? token, string what)
    {
        BigInteger amount;
        try
        {
            amount = EtherAmount.Parse(text);
        }
        catch (PlatformException e)
        {
            throw PlatformException.BadInput($"{what} {e.Message}", e);
        }
        if (token is null || token.Decimals == 18)
        {
            return amount;
        }
        if (token.Decimals > 18)
        {
            return amount * BigInteger.Pow(10, token.Decimals - 18);
        }
        BigInteger scale = BigInteger.Pow(10, 18 - token.Decimals);
        return amount % scale == 0 ? amount / scale
            : throw PlatformException.BadInput($"{what} '{text}' has more decimals than {token.Symbol} allows ({token.Decimals})");
    }

    /// <summary><paramref name="units"/> base units in the token's decimals and symbol (<c>2.5 USDC</c>), or in 18 decimals as "tokens" when it states none.</summary>
    public static string Format(BigInteger units, TokenInfo? token) => token?.Format(units) ?? $"{EtherAmount.Format(units)} tokens";
}
