using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Contracts.Errors;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// Why a proposal would fail at execution: the action (0-based, null for the proposal as a whole), the reason in words,
/// and for an action that reverts, the decoded revert alone (error name and arguments), for callers that describe the
/// action in their own words.
/// </summary>
public sealed record PreflightFault(int? Action, string Message, string? Revert = null);

/// <summary>
/// Runs a proposal's calls as the timelock will run them at execution, today (<c>eth_call</c> from the timelock's
/// address on the latest block), so that an action that would revert (a window below its minimum, a share above its
/// maximum, more ETH than the treasury holds) is refused when it is proposed, naming the bound, not days later at
/// execution.
/// </summary>
public static class ProposalPreflight
{
    /// <summary>The first fault of <paramref name="calls"/> from <paramref name="timelock"/>, or null when every call would succeed now.</summary>
    /// <exception cref="RpcException">The node did not answer.</exception>
    public static async Task<PreflightFault?> CheckAsync(EthRpcClient eth, Address timelock, IReadOnlyList<ProposalCall> calls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(calls);
        BigInteger treasury = await eth.GetBalanceAsync(timelock, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
        BigInteger total = calls.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Value);
        if (total > treasury)
        {
            return new PreflightFault(null,
                $"the proposal's actions send {UnitFormat.Ether(total)}, but the treasury {timelock} holds {UnitFormat.Ether(treasury)}: it would fail at execution");
        }
        for (int i = 0; i < calls.Count; i++)
        {
            ProposalCall action = calls[i];
            try
            {
                // An OP node charges the L1 data fee even on eth_call, which a timelock without spare ETH cannot pay: a
                // state override lends it one ETH more than it holds (the total sent was checked above).
                var call = new JsonObject
                {
                    ["from"] = timelock.ToString(),
                    ["to"] = action.Target.ToString(),
                    ["value"] = Quantity(action.Value),
                    ["data"] = HexConvert.Encode(action.Data),
                };
                var overrides = new JsonObject { [timelock.ToString()] = new JsonObject { ["balance"] = Quantity(treasury + BigInteger.Pow(10, 18)) } };
                await eth.Rpc.SendAsync(new RpcCall<JsonElement>("eth_call", [call, "latest", overrides], static (e, _) => e.Clone()), cancellationToken).ConfigureAwait(false);
            }
            catch (ExecutionRevertedException e)
            {
                string revert = e.DecodeWith(PlatformErrors.Decoder).Description;
                return new PreflightFault(i,
                    $"action {i + 1} ({CallDescriptions.Describe("the treasury", action.Target, action.Value, action.Data)}) would revert when the timelock executes it: {revert}", revert);
            }
        }
        return null;
    }

    private static string Quantity(BigInteger value) => "0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));
}
