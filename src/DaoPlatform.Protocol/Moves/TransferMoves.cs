using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>Plain value transfers: ETH to an account or contract (funding the treasury), an ERC-20 token's <c>transfer</c>.</summary>
public static class TransferMoves
{
    /// <summary>Sends <paramref name="value"/> wei to <paramref name="to"/> with empty calldata; <paramref name="recipient"/> names it in the summary ("the treasury").</summary>
    public static Move Ether(Address to, BigInteger value, string recipient) =>
        new("ETH transfer", to, [], value, $"send {UnitFormat.Ether(value)} to {recipient} {to}");

    /// <summary><c>transfer(to, amount)</c> on <paramref name="token"/>: <paramref name="amount"/> base units from the sender.</summary>
    public static Move Tokens(Address token, Address to, BigInteger amount) =>
        new("ERC20.transfer", token, Erc20.EncodeTransferCall(to, amount), BigInteger.Zero, $"transfer {Amounts.Of(amount, token)} to {to}");
}
