using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>Amounts in a move's summary: ETH, or a task's ERC-20 token (18 decimals) named by its address.</summary>
public static class Amounts
{
    /// <summary><paramref name="amount"/> base units of <paramref name="token"/>, or wei when it is the zero address.</summary>
    public static string Of(BigInteger amount, Address token) =>
        token == Address.Zero ? UnitFormat.Ether(amount) : UnitFormat.Tokens(amount, unit: $"of token {token}");
}
