using System.Globalization;
using System.Numerics;
using System.Text;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Contracts.Errors;

/// <summary>
/// Describes the platform's errors in the units of what they mean: wei as ETH, token and vote amounts in 18-decimal
/// units, Unix times as UTC dates, periods as durations, basis points as percent, enum values and state sets by name,
/// AccessControl roles by name, addresses checksummed, and a wrapped revert as the error inside. For example
/// <c>BondTooLow(bond=0.05 ETH, requiredBond=0.1 ETH)</c> or
/// <c>GovernorUnexpectedProposalState(proposalId=7, current=Active, expectedStates={Succeeded, Queued})</c>.
/// </summary>
/// <remarks>
/// The unit of a parameter follows from its name, as the contracts name them (a <c>deadline</c> is a time, a
/// <c>bond</c> an ETH amount), and for shared names (<c>balance</c>, <c>expected</c>) from its error; a <c>min</c> or
/// <c>max</c> bound takes the unit of the value it bounds (the error's first parameter). A parameter of no known unit
/// is shown as the ABI value.
/// </remarks>
public sealed class PlatformRevertDescriber : IRevertDescriber
{
    private enum Unit { Plain, Ether, Tokens, Votes, Timestamp, Duration, BasisPoints, ProposalStateSet, OperationStateSet, Role }

    private static readonly Dictionary<string, string[]> s_enums = new(StringComparer.Ordinal)
    {
        ["IGovernor.ProposalState"] = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"],
        ["TimelockController.OperationState"] = ["Unset", "Waiting", "Ready", "Done"],
        ["AssetRegistry.AssetKind"] = ["Model", "Dataset", "Code"],
        ["OptimisticVerifier.Fault"] = ["Prediction", "Score", "Winner"],
    };

    private static readonly Dictionary<string, Unit> s_byName = new(StringComparer.Ordinal)
    {
        ["bond"] = Unit.Ether, ["requiredBond"] = Unit.Ether, ["stake"] = Unit.Ether, ["minStake"] = Unit.Ether,
        ["deadline"] = Unit.Timestamp, ["evaluationDeadline"] = Unit.Timestamp, ["opensAt"] = Unit.Timestamp,
        ["closesAt"] = Unit.Timestamp, ["turnEnds"] = Unit.Timestamp, ["committedAt"] = Unit.Timestamp,
        ["stopTime"] = Unit.Timestamp, ["expiry"] = Unit.Timestamp, ["timepoint"] = Unit.Timestamp, ["clock"] = Unit.Timestamp,
        ["window"] = Unit.Duration, ["minWindow"] = Unit.Duration, ["delay"] = Unit.Duration, ["minDelay"] = Unit.Duration,
        ["maxDelay"] = Unit.Duration, ["votingDelay"] = Unit.Duration, ["votingPeriod"] = Unit.Duration, ["duration"] = Unit.Duration,
        ["shareBps"] = Unit.BasisPoints,
        ["neededRole"] = Unit.Role, ["role"] = Unit.Role,
    };

    // Parameters whose unit depends on the error: amounts of ETH, of the ERC-20 token, of votes; sets of states.
    private static readonly Dictionary<(string Error, string Parameter), Unit> s_byError = new()
    {
        [("IncorrectPayment", "expected")] = Unit.Ether, [("IncorrectPayment", "received")] = Unit.Ether,
        [("InsufficientBalance", "balance")] = Unit.Ether, [("InsufficientBalance", "needed")] = Unit.Ether,
        [("ERC20InsufficientBalance", "balance")] = Unit.Tokens, [("ERC20InsufficientBalance", "needed")] = Unit.Tokens,
        [("ERC20InsufficientAllowance", "allowance")] = Unit.Tokens, [("ERC20InsufficientAllowance", "needed")] = Unit.Tokens,
        [("ERC20ExceededSafeSupply", "increasedSupply")] = Unit.Tokens, [("ERC20ExceededSafeSupply", "cap")] = Unit.Tokens,
        [("TokenDeliveredLess", "expected")] = Unit.Tokens, [("TokenDeliveredLess", "received")] = Unit.Tokens,
        [("GovernorInsufficientProposerVotes", "votes")] = Unit.Votes, [("GovernorInsufficientProposerVotes", "threshold")] = Unit.Votes,
        [("ProposalThresholdTooHigh", "threshold")] = Unit.Votes,
        [("GovernorUnexpectedProposalState", "expectedStates")] = Unit.ProposalStateSet,
        [("TimelockUnexpectedOperationState", "expectedStates")] = Unit.OperationStateSet,
    };

    private static readonly Dictionary<string, string> s_roles = new[] { "PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE" }
        .ToDictionary(r => HexConvert.Encode(Keccak256.Hash(Encoding.UTF8.GetBytes(r))), r => r, StringComparer.Ordinal);

    /// <inheritdoc/>
    public string Describe(AbiError error, AbiValues arguments, DecodedRevert? inner)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(arguments);
        var parts = new List<string>(arguments.Count);
        Unit first = arguments.Count > 0 ? UnitOf(error.Name, arguments.Parameters[0].Name) : Unit.Plain;
        for (int i = 0; i < arguments.Count; i++)
        {
            AbiParameter parameter = arguments.Parameters[i];
            string name = parameter.Name.Length > 0 ? parameter.Name : "arg" + (i + 1).ToString(CultureInfo.InvariantCulture);
            Unit unit = parameter.Name is "min" or "max" ? first : UnitOf(error.Name, parameter.Name);
            string value = inner is not null && parameter.Type is AbiBytes && arguments[i] is byte[] bytes && bytes.AsSpan().SequenceEqual(inner.Data)
                ? inner.Description
                : Format(parameter, unit, arguments[i]);
            parts.Add(name + "=" + value);
        }
        return error.Name + "(" + string.Join(", ", parts) + ")";
    }

    private static Unit UnitOf(string error, string parameter) =>
        s_byError.TryGetValue((error, parameter), out Unit unit) ? unit : s_byName.GetValueOrDefault(parameter, Unit.Plain);

    private static string Format(AbiParameter parameter, Unit unit, object? value)
    {
        if (parameter.InternalType is string internalType && internalType.StartsWith("enum ", StringComparison.Ordinal)
            && s_enums.TryGetValue(internalType["enum ".Length..], out string[]? members) && value is BigInteger ordinal)
        {
            return ordinal < members.Length ? members[(int)ordinal] : ordinal.ToString(CultureInfo.InvariantCulture) + " (no such member)";
        }
        return (unit, value) switch
        {
            (Unit.Ether, BigInteger wei) => UnitFormat.Ether(wei),
            (Unit.Tokens, BigInteger units) => UnitFormat.Tokens(units),
            (Unit.Votes, BigInteger units) => UnitFormat.Tokens(units, 18, "votes"),
            (Unit.Timestamp, BigInteger seconds) => UnitFormat.Timestamp(seconds),
            (Unit.Duration, BigInteger seconds) => UnitFormat.Duration(seconds),
            (Unit.BasisPoints, BigInteger bps) => UnitFormat.BasisPoints(bps),
            (Unit.ProposalStateSet, byte[] bitmap) => StateSet(bitmap, s_enums["IGovernor.ProposalState"]),
            (Unit.OperationStateSet, byte[] bitmap) => StateSet(bitmap, s_enums["TimelockController.OperationState"]),
            (Unit.Role, byte[] role) => RoleName(role),
            _ => AbiValueFormatter.Format(value),
        };
    }

    /// <summary>OpenZeppelin's state bitmaps: bit <c>i</c> (from the least significant end) set means state <c>i</c> is expected.</summary>
    private static string StateSet(byte[] bitmap, string[] members)
    {
        var bits = new BigInteger(bitmap, isUnsigned: true, isBigEndian: true);
        var names = new List<string>();
        for (int i = 0; i < members.Length; i++)
        {
            if (!(bits & (BigInteger.One << i)).IsZero)
            {
                names.Add(members[i]);
            }
        }
        return "{" + string.Join(", ", names) + "}";
    }

    private static string RoleName(byte[] role)
    {
        if (role.All(b => b == 0))
        {
            return "DEFAULT_ADMIN_ROLE";
        }
        string hex = HexConvert.Encode(role);
        return s_roles.TryGetValue(hex, out string? name) ? name : hex;
    }
}
