using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>Amounts in a move's summary: ETH, or an ERC-20 token in its symbol and decimals when read, else (18 decimals) named by its address.</summary>
public static class Amounts
{
    /// <summary>
    /// <paramref name="amount"/> base units of <paramref name="token"/>, or wei when it is the zero address; in
    /// <paramref name="info"/>'s decimals and symbol when the token's were read (e.g. <c>5 TKN</c>).
    /// </summary>
    public static string Of(BigInteger amount, Address token, TokenInfo? info = null) =>
        token == Address.Zero ? UnitFormat.Ether(amount)
        : info is not null ? info.Format(amount)
        : UnitFormat.Tokens(amount, unit: $"of token {token}");
}
