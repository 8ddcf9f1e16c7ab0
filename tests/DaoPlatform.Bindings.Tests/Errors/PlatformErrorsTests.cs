using System.Numerics;
using System.Text;
using System.Text.Json;
using DaoPlatform.Bindings.Tests.Generation;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Errors;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Bindings.Tests.Errors;

public sealed class PlatformErrorsTests
{
    private static readonly Address s_account = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    [Test]
    public void Every_error_of_every_compiled_contract_decodes_by_name_with_its_arguments()
    {
        var artifacts = TestPaths.PlatformArtifacts();
        Assert.That(artifacts, Has.Count.GreaterThanOrEqualTo(20), "the Hardhat artifacts are missing: run npx hardhat compile");
        var checkedErrors = 0;
        foreach (var path in artifacts)
        {
            using var artifact = JsonDocument.Parse(File.ReadAllText(path));
            var abi = ContractAbi.FromJson(artifact.RootElement.GetProperty("abi"));
            foreach (var error in abi.Errors)
            {
                var data = error.Encode([.. error.Inputs.Select(p => Sample(p.Type))]);

                var revert = PlatformErrors.Decode(data);

                Assert.That(revert.Kind, Is.EqualTo(RevertKind.CustomError), $"{Path.GetFileName(path)}: {error.Signature} gave {revert.Description}");
                Assert.That(revert.Error!.Signature, Is.EqualTo(error.Signature));
                Assert.That(revert.Description, Does.StartWith(error.Name + "("));
                checkedErrors++;
            }
        }
        Assert.That(checkedErrors, Is.GreaterThan(150));
    }

    [Test]
    public void Every_compiled_contract_has_a_binding_in_the_decoder()
    {
        var names = TestPaths.PlatformArtifacts()
            .Select(p => JsonDocument.Parse(File.ReadAllText(p)).RootElement.GetProperty("contractName").GetString())
            .Order(StringComparer.Ordinal);
        Assert.That(PlatformErrors.Contracts.Select(c => c.ContractName).Order(StringComparer.Ordinal), Is.EqualTo(names));
    }

    [Test]
    public void Amounts_show_in_ETH_or_token_units_and_addresses_checksummed()
    {
        var bond = Error("BondTooLow(uint256 bond, uint256 requiredBond)", new BigInteger(5) * BigInteger.Pow(10, 16), BigInteger.Pow(10, 17));
        var erc20 = Error("ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)", s_account, BigInteger.Pow(10, 18) * 3 / 2, BigInteger.Pow(10, 18) * 5);

        Assert.That(PlatformErrors.Decode(bond).Description, Is.EqualTo("BondTooLow(bond=0.05 ETH, requiredBond=0.1 ETH)"));
        Assert.That(PlatformErrors.Decode(erc20).Description,
            Is.EqualTo("ERC20InsufficientBalance(sender=0x70997970C51812dc3A010C7d01b50e0d17dc79C8, balance=1.5 tokens, needed=5 tokens)"));
    }

    [Test]
    public void Times_show_as_UTC_dates_and_periods_as_durations()
    {
        var closed = Error("ChallengeWindowClosed(uint256 taskId, uint256 deadline)", new BigInteger(7), new BigInteger(1_796_644_800));
        var range = Error("ChallengeWindowOutOfRange(uint256 window, uint256 min, uint256 max)", new BigInteger(5_400), new BigInteger(600), new BigInteger(86_400));

        Assert.That(PlatformErrors.Decode(closed).Description, Is.EqualTo("ChallengeWindowClosed(taskId=7, deadline=2026-12-07 12:00:00 UTC)"));
        Assert.That(PlatformErrors.Decode(range).Description, Is.EqualTo("ChallengeWindowOutOfRange(window=1h 30m, min=10m, max=1d)"));
    }

    [Test]
    public void Governor_and_timelock_states_and_roles_show_by_name()
    {
        var expected = new byte[32];
        expected[31] = (1 << 4) | (1 << 5);
        var state = Error("GovernorUnexpectedProposalState(uint256 proposalId, uint8 current, bytes32 expectedStates)", new BigInteger(42), new BigInteger(1), expected);
        var role = Error("AccessControlUnauthorizedAccount(address account, bytes32 neededRole)", s_account, Keccak256.Hash(Encoding.UTF8.GetBytes("PROPOSER_ROLE")));

        Assert.That(PlatformErrors.Decode(state).Description, Is.EqualTo("GovernorUnexpectedProposalState(proposalId=42, current=Active, expectedStates={Succeeded, Queued})"));
        Assert.That(PlatformErrors.Decode(role).Description, Is.EqualTo("AccessControlUnauthorizedAccount(account=0x70997970C51812dc3A010C7d01b50e0d17dc79C8, neededRole=PROPOSER_ROLE)"));
    }

    [Test]
    public void A_revert_wrapped_by_the_vault_decodes_to_the_error_inside()
    {
        var inner = Error("ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)", s_account, BigInteger.Zero, BigInteger.Pow(10, 18));
        var txHash = new byte[32];
        txHash[0] = 0xab;
        var wrapped = Error("ExecutionFailed(bytes32 txHash, bytes returnData)", txHash, inner);

        var revert = PlatformErrors.Decode(wrapped);

        Assert.That(revert.Error!.Name, Is.EqualTo("ExecutionFailed"));
        Assert.That(revert.Inner!.Error!.Name, Is.EqualTo("ERC20InsufficientBalance"));
        Assert.That(revert.Innermost, Is.SameAs(revert.Inner));
        Assert.That(revert.Description, Does.EndWith("returnData=ERC20InsufficientBalance(sender=0x70997970C51812dc3A010C7d01b50e0d17dc79C8, balance=0 tokens, needed=1 tokens))"));
        Assert.That(MultisigVault.Errors.TryDecode(revert.Data), Is.TypeOf<MultisigVault.Errors.ExecutionFailed>());
    }

    [Test]
    public void Panics_and_reason_strings_decode_as_built_ins()
    {
        Assert.That(PlatformErrors.Decode(AbiError.Panic.Encode(new BigInteger(0x11))).Description, Is.EqualTo("Panic(0x11 (arithmetic overflow or underflow))"));
        Assert.That(PlatformErrors.Decode(AbiError.ErrorString.Encode("no")).Reason, Is.EqualTo("no"));
        Assert.That(PlatformErrors.Decode([0x12, 0x34, 0x56, 0x78]).Kind, Is.EqualTo(RevertKind.UnknownSelector));
    }

    [Test]
    public void Typed_error_records_match_by_type_not_by_name()
    {
        var data = TrainingTasks.Errors.TaskNotFound.Descriptor.Encode(new BigInteger(9));

        Assert.That(TrainingTasks.Errors.TaskNotFound.TryDecode(data, out var notFound), Is.True);
        Assert.That(notFound!.TaskId, Is.EqualTo(new BigInteger(9)));
        Assert.That(TrainingTasks.Errors.TryDecode(data) is TrainingTasks.Errors.TaskNotFound { TaskId: var id } && id == 9, Is.True);
        Assert.That(TrainingTasks.Errors.TestSetNotRevealed.TryDecode(data, out _), Is.False, "another error's selector");
        Assert.That(TrainingTasks.Errors.TaskNotFound.TryDecode(data.AsSpan(0, 20), out _), Is.False, "truncated data");
        Assert.That(((IContractError)notFound).Error.Signature, Is.EqualTo("TaskNotFound(uint256)"));
    }

    private static byte[] Error(string signature, params object?[] arguments) => AbiError.Parse(signature).Encode(arguments);

    private static object? Sample(AbiType type) => type switch
    {
        AbiUInt => new BigInteger(1),
        AbiInt => new BigInteger(-1),
        AbiAddress => s_account,
        AbiBool => true,
        AbiFixedBytes fixedBytes => Enumerable.Repeat((byte)0x11, fixedBytes.Size).ToArray(),
        AbiBytes => new byte[] { 1, 2, 3 },
        AbiString => "text",
        _ => throw new NotSupportedException($"No sample for {type}."),
    };
}
