using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Bindings.Tests.Errors;

public sealed class CallDecodingTests
{
    [Test]
    public void Calldata_decodes_by_selector_to_the_typed_call_record_and_encodes_back()
    {
        var commitment = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var data = TrainingTasks.EncodeCommitCall(new BigInteger(7), commitment);

        var call = TrainingTasks.Calls.Decode(data);

        Assert.That(call, Is.TypeOf<TrainingTasks.Calls.Commit>());
        var commit = (TrainingTasks.Calls.Commit)call!;
        Assert.That(commit.TaskId, Is.EqualTo(new BigInteger(7)));
        Assert.That(commit.Commitment, Is.EqualTo(commitment));
        Assert.That(call!.Encode(), Is.EqualTo(data));
        Assert.That(call.Function.Signature, Is.EqualTo("commit(uint256,bytes32)"));
    }

    [Test]
    public void A_decoded_call_is_a_value_record_equal_to_one_built_by_hand()
    {
        var token = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var data = TrainingTasks.EncodeWithdrawCall(token);

        Assert.That(TrainingTasks.Calls.Decode(data), Is.EqualTo(new TrainingTasks.Calls.Withdraw(token)));
        Assert.That(TrainingTasks.Calls.Withdraw.Decode(data).Token, Is.EqualTo(token));
    }

    [Test]
    public void Unknown_selectors_and_short_data_decode_to_null_and_malformed_arguments_throw()
    {
        Assert.That(TrainingTasks.Calls.Decode([0xde, 0xad, 0xbe, 0xef]), Is.Null);
        Assert.That(TrainingTasks.Calls.Decode([0x01]), Is.Null);
        var truncated = TrainingTasks.EncodeCommitCall(BigInteger.One, new byte[32]).AsSpan(0, 20).ToArray();
        Assert.Throws<AbiException>(() => TrainingTasks.Calls.Decode(truncated));
    }

    [Test]
    public void The_definition_lists_the_contracts_functions_events_and_errors()
    {
        ContractDefinition definition = TrainingTasks.Definition;

        Assert.That(definition.ContractName, Is.EqualTo("TrainingTasks"));
        Assert.That(definition.Abi.Functions.Select(f => f.Name), Has.Member("commit"));
        Assert.That(definition.Abi.Errors.Select(e => e.Name), Has.Member("TaskNotFound"));
        Assert.That(definition.Abi.Events, Is.Not.Empty);
    }
}
