using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Reads;

/// <summary>One call a transaction makes: to <paramref name="Target"/> with <paramref name="Data"/>.</summary>
public readonly record struct ExecutedCall(Address Target, byte[] Data);

/// <summary>
/// The calls a transaction makes, read from its calldata alone (no call trace, which not every node serves): the
/// transaction itself, and the calls it makes through the platform's executors, unwrapped to
/// <see cref="MaxDepth"/> levels: <c>MultisigVault.execute(to, value, data, signatures)</c>,
/// <c>TimelockController.execute(target, value, payload, …)</c> and <c>executeBatch(targets, values, payloads, …)</c>,
/// <c>Governor.execute(targets, values, calldatas, descriptionHash)</c>. An executor is recognized by its selector,
/// whatever its address: a caller checks what it finds against what the chain holds (a hash the contract stored), so
/// a call that merely looks like an execution gains nothing.
/// </summary>
public static class ExecutedCalls
{
    /// <summary>How many executors deep calls are unwrapped (a governor through its timelock through a vault is 3).</summary>
    public const int MaxDepth = 4;

    // Each executor's parameter 0 is the target (or targets) and parameter 2 the calldata (or calldatas).
    private static readonly Lazy<Dictionary<uint, AbiFunction>> s_executors = new(() =>
    {
        AbiFunction[] functions =
        [
            ContractAbi.Parse(MultisigVault.AbiJson).GetFunction("execute"),
            ContractAbi.Parse(DaoTimelock.AbiJson).GetFunction("execute"),
            ContractAbi.Parse(DaoTimelock.AbiJson).GetFunction("executeBatch"),
            ContractAbi.Parse(DaoGovernor.AbiJson).GetFunction("execute(address[],uint256[],bytes[],bytes32)"),
        ];
        return functions.ToDictionary(f => f.SelectorValue);
    });

    /// <summary>
    /// <paramref name="to"/>'s call with <paramref name="input"/> and every call it makes through an executor, outermost
    /// first. Calldata that names an executor's selector but does not decode as its call is taken as a plain call.
    /// </summary>
    public static IReadOnlyList<ExecutedCall> Of(Address? to, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var calls = new List<ExecutedCall>();
        if (to is { } target)
        {
            Unwrap(new ExecutedCall(target, input), 0, calls);
        }
        return calls;
    }

    private static void Unwrap(ExecutedCall call, int depth, List<ExecutedCall> calls)
    {
        calls.Add(call);
        if (depth == MaxDepth || call.Data.Length < 4
            || !s_executors.Value.TryGetValue(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(call.Data), out AbiFunction? executor))
        {
            return;
        }
        AbiValues values;
        try
        {
            values = executor.DecodeCall(call.Data);
        }
        catch (AbiException)
        {
            return;
        }
        if (values[0] is Address single)
        {
            Unwrap(new ExecutedCall(single, ContractValues.ToBytes(values[2])), depth + 1, calls);
            return;
        }
        IReadOnlyList<Address> targets = ContractValues.ToList(values[0], ContractValues.ToAddress);
        IReadOnlyList<byte[]> data = ContractValues.ToList(values[2], ContractValues.ToBytes);
        for (int i = 0; i < Math.Min(targets.Count, data.Count); i++)
        {
            Unwrap(new ExecutedCall(targets[i], data[i]), depth + 1, calls);
        }
    }
}
