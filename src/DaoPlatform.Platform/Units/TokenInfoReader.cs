using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform.Units;

/// <summary>
/// Reads an ERC-20 token's <c>symbol()</c> and <c>decimals()</c> once per address (per reader), so that a decoded
/// <c>transfer</c> or <c>approve</c> shows "1.5 DAO", not a base-unit integer. An address that is no token (no code,
/// a revert, an answer that does not decode) has none.
/// </summary>
public sealed class TokenInfoReader(ContractConnection connection)
{
    private readonly Dictionary<Address, TokenInfo?> _read = [];

    /// <summary>The token at <paramref name="address"/>, or null when it answers no <c>symbol()</c> and <c>decimals()</c>.</summary>
    /// <exception cref="DaoPlatform.Ethereum.JsonRpc.RpcException">The node cannot be reached.</exception>
    public async Task<TokenInfo?> ReadAsync(Address address, CancellationToken cancellationToken = default)
    {
        if (_read.TryGetValue(address, out TokenInfo? known))
        {
            return known;
        }
        TokenInfo? info = null;
        if ((await connection.Rpc.GetCodeAsync(address, cancellationToken: cancellationToken).ConfigureAwait(false)).Length > 0)
        {
            var token = new Erc20(address, connection);
            try
            {
                info = new TokenInfo(
                    await token.SymbolAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
                    await token.DecimalsAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is ContractRevertException or AbiException or InvalidDataException or FormatException or InvalidCastException or OverflowException)
            {
                // Not an ERC-20 with metadata: its amounts stay base units.
            }
        }
        _read[address] = info;
        return info;
    }

    /// <summary>The token of a call's target when the call is an ERC-20 transfer, transferFrom or approve; otherwise null without a read.</summary>
    public async Task<TokenInfo?> ForCallAsync(Address? target, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        target is { } t && CallDescriptions.TokenCall(data.Span) is not null ? await ReadAsync(t, cancellationToken).ConfigureAwait(false) : null;
}
