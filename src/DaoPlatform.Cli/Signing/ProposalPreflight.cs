using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Governance;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol;

namespace DaoPlatform.Cli.Signing;

/// <summary>
/// Runs a proposal's actions as the timelock will run them at execution, today (eth_call from the timelock's
/// address), so an action that would revert (a window below its minimum, a share above its maximum, more ETH than
/// the treasury holds) is refused at <c>propose</c>, naming the bound, not ten days later at <c>execute</c>.
/// </summary>
internal static class ProposalPreflight
{
    private static string Quantity(BigInteger value) => "0x" + (value.IsZero ? "0" : value.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0'));

    /// <summary>Checks each action in turn; throws for the first that would fail.</summary>
    /// <exception cref="PlatformException">An action would revert, or the actions send more ETH than the treasury holds.</exception>
    public static async Task CheckAsync(ChainConnection chain, PlatformContracts platform, IReadOnlyList<ProposalAction> actions, CancellationToken cancellationToken)
    {
        var timelock = platform.Timelock.Address;
        BigInteger treasury = await chain.Eth.GetBalanceAsync(timelock, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
        BigInteger total = actions.Aggregate(BigInteger.Zero, (sum, a) => sum + a.Value);
        if (total > treasury)
        {
            throw PlatformException.BadInput(
                $"the proposal's actions send {EtherAmount.Format(total)} ETH, but the treasury {timelock} holds {EtherAmount.Format(treasury)} ETH: it would fail at execution");
        }
        for (int i = 0; i < actions.Count; i++)
        {
            ProposalAction action = actions[i];
            try
            {
                // An OP node charges the L1 data fee even on eth_call, which a timelock without spare ETH cannot pay: a
                // state override lends it one ETH more than it holds (the total sent was checked above).
                var call = new JsonObject
                {
                    ["from"] = timelock.ToString(),
                    ["to"] = action.Target.ToString(),
                    ["value"] = Quantity(action.Value),
                    ["data"] = HexConvert.Encode(action.Calldata),
                };
                var overrides = new JsonObject { [timelock.ToString()] = new JsonObject { ["balance"] = Quantity(treasury + BigInteger.Pow(10, 18)) } };
                await chain.Eth.Rpc.SendAsync(new RpcCall<JsonElement>("eth_call", [call, "latest", overrides], static (e, _) => e.Clone()), cancellationToken).ConfigureAwait(false);
            }
            catch (ExecutionRevertedException e)
            {
                throw PlatformException.BadInput(
                    $"action {i + 1} ({action.Summary}) would revert when the timelock executes it: {e.DecodeWith(DaoPlatform.Contracts.Errors.PlatformErrors.Decoder).Description}");
            }
        }
    }
}
