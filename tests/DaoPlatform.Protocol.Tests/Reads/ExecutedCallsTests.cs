using System.Numerics;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Protocol.Tests.Reads;

/// <summary>The calls a transaction makes through the vault, the timelock and the governor, found from calldata alone.</summary>
public sealed class ExecutedCallsTests
{
    private static readonly Address Tasks = Address.Parse("0x00000000000000000000000000000000000000a2");
    private static readonly Address Vault = Address.Parse("0x00000000000000000000000000000000000000a7");
    private static readonly Address Timelock = Address.Parse("0x00000000000000000000000000000000000000a8");
    private static readonly Address Governor = Address.Parse("0x00000000000000000000000000000000000000a9");
    private static readonly Address Other = Address.Parse("0x00000000000000000000000000000000000000aa");
    private static readonly byte[] Create = TrainingTasks.EncodeCreateTaskWithAssetsCall(
        new TrainingTasks.TaskConfig(Address.Zero, 1, 1, new byte[32], 4, 2, 3, 2, 4, 3, 1000, 10_000, 100, 200, 300, 2), 7, [0x44, 0x51, 0x4d, 0x31], 0);

    [Test]
    public void A_direct_call_is_itself()
    {
        IReadOnlyList<ExecutedCall> calls = ExecutedCalls.Of(Tasks, Create);

        Assert.That(calls, Has.Count.EqualTo(1));
        Assert.That(calls[0].Target, Is.EqualTo(Tasks));
        Assert.That(calls[0].Data, Is.EqualTo(Create));
    }

    [Test]
    public void The_vault_s_execute_gives_its_inner_call()
    {
        byte[] execute = MultisigVault.EncodeExecuteCall(Tasks, 5, Create, new byte[65]);

        IReadOnlyList<ExecutedCall> calls = ExecutedCalls.Of(Vault, execute);

        Assert.That(calls.Select(c => c.Target), Is.EqualTo(new[] { Vault, Tasks }));
        Assert.That(calls[1].Data, Is.EqualTo(Create));
    }

    [Test]
    public void A_governor_proposal_through_the_timelock_batch_and_the_vault_is_unwrapped_to_every_call()
    {
        byte[] throughVault = MultisigVault.EncodeExecuteCall(Tasks, 0, Create, []);
        byte[] batch = DaoTimelock.EncodeExecuteBatchCall([Other, Vault], [BigInteger.Zero, BigInteger.Zero], [[1, 2, 3, 4], throughVault], new byte[32], new byte[32]);
        byte[] proposal = DaoGovernor.EncodeExecuteCall([Timelock], [BigInteger.Zero], [batch], new byte[32]);

        IReadOnlyList<ExecutedCall> calls = ExecutedCalls.Of(Governor, proposal);

        Assert.That(calls.Select(c => c.Target), Is.EqualTo(new[] { Governor, Timelock, Other, Vault, Tasks }));
        Assert.That(calls[^1].Data, Is.EqualTo(Create));
    }

    [Test]
    public void The_timelock_s_single_execute_gives_its_payload()
    {
        byte[] execute = DaoTimelock.EncodeExecuteCall(Tasks, 0, Create, new byte[32], new byte[32]);

        Assert.That(ExecutedCalls.Of(Timelock, execute).Select(c => c.Target), Is.EqualTo(new[] { Timelock, Tasks }));
    }

    [Test]
    public void Calldata_with_an_executor_s_selector_that_does_not_decode_is_a_plain_call_and_a_creation_has_none()
    {
        byte[] execute = MultisigVault.EncodeExecuteCall(Tasks, 0, Create, []);
        byte[] truncated = execute[..40];

        Assert.That(ExecutedCalls.Of(Vault, truncated).Select(c => c.Target), Is.EqualTo(new[] { Vault }));
        Assert.That(ExecutedCalls.Of(null, Create), Is.Empty);
    }

    [Test]
    public void Unwrapping_stops_at_the_maximum_depth()
    {
        byte[] data = Create;
        for (int i = 0; i < ExecutedCalls.MaxDepth + 2; i++)
        {
            data = MultisigVault.EncodeExecuteCall(Vault, 0, data, []);
        }

        IReadOnlyList<ExecutedCall> calls = ExecutedCalls.Of(Vault, data);

        Assert.That(calls, Has.Count.EqualTo(ExecutedCalls.MaxDepth + 1));
        Assert.That(calls.Any(c => c.Target == Tasks), Is.False);
    }
}
