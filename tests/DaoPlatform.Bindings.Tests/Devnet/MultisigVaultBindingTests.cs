using System.Numerics;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;

// In the namespace of the shared Devnet [SetUpFixture] so that it starts a devnet for these tests (and only these).
namespace DaoPlatform.Ethereum.IntegrationTests.Bindings;

/// <summary>The generated MultisigVault binding against the real contract on a devnet.</summary>
public sealed class MultisigVaultBindingTests : IDisposable
{
    private static readonly Address s_recipient = Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

    private readonly DevnetSession _owner0 = new(Devnet.Account0Key);
    private EthereumKey _owner1 = null!;
    private ContractConnection _connection = null!;
    private MultisigVault _vault = null!;

    [SetUp]
    public async Task DeployVault()
    {
        _owner1 = EthereumKey.FromHex(Devnet.Account1Key);
        _connection = new ContractConnection(_owner0.Eth, _owner0.Sender);
        _vault = await MultisigVault.DeployAsync(_connection, [Devnet.Account0, Devnet.Account1], 2);
    }

    public void Dispose() => _owner0.Dispose();

    [Test]
    public async Task Views_return_typed_values()
    {
        Assert.That(await _vault.GetOwnersAsync(), Is.EquivalentTo(new[] { Devnet.Account0, Devnet.Account1 }));
        Assert.That(await _vault.ThresholdAsync(), Is.EqualTo(new BigInteger(2)));
        Assert.That(await _vault.NonceAsync(), Is.EqualTo(BigInteger.Zero));
        Assert.That(await _vault.IsOwnerAsync(s_recipient), Is.False);
    }

    [Test]
    public async Task The_generated_EIP712_VaultTransaction_digest_equals_the_contracts()
    {
        var transaction = new MultisigVault.VaultTransaction(s_recipient, 5, [0xde, 0xad], 7);

        var onChain = await _vault.GetTransactionHashAsync(s_recipient, 5, [0xde, 0xad], 7);

        Assert.That(transaction.SigningHash(Domain()), Is.EqualTo(onChain));
    }

    [Test]
    public async Task Executing_encoded_calldata_signed_by_both_owners_changes_the_threshold_and_emits_typed_events()
    {
        // The multisig calls itself with calldata from the binding's Encode method.
        var calldata = MultisigVault.EncodeChangeThresholdCall(1);
        var transaction = new MultisigVault.VaultTransaction(_vault.Address, 0, calldata, await _vault.NonceAsync());
        var signatures = SignAscending(transaction, _owner0.Key, _owner1);

        var receipt = await _vault.ExecuteAsync(_vault.Address, 0, calldata, signatures);

        var executed = _vault.DecodeExecutionSuccessEvents(receipt).Single();
        Assert.That(executed.TxHash, Is.EqualTo(transaction.SigningHash(Domain())));
        Assert.That(executed.Nonce, Is.EqualTo(BigInteger.Zero));
        var changed = receipt.Decode<MultisigVault.ThresholdChangedEvent>().Single();
        Assert.That((changed.OldThreshold, changed.NewThreshold), Is.EqualTo((new BigInteger(2), BigInteger.One)));
        Assert.That(await _vault.ThresholdAsync(), Is.EqualTo(BigInteger.One));
    }

    [Test]
    public async Task Logs_are_queried_by_an_indexed_argument()
    {
        byte[] hash = [.. Enumerable.Repeat((byte)0xab, 32)];

        var receipt = await _vault.ApproveHashAsync(hash);

        var approved = _vault.DecodeHashApprovedEvents(receipt).Single();
        Assert.That((approved.Hash, approved.Owner), Is.EqualTo((hash, Devnet.Account0)));
        var byOwner0 = await _vault.QueryHashApprovedEventsAsync(receipt.BlockNumber, owner: Devnet.Account0);
        var byOwner1 = await _vault.QueryHashApprovedEventsAsync(receipt.BlockNumber, owner: Devnet.Account1);
        Assert.That(byOwner0.Single().Event.Hash, Is.EqualTo(hash));
        Assert.That(byOwner0.Single().Log.TransactionHash, Is.EqualTo(receipt.TransactionHash));
        Assert.That(byOwner1, Is.Empty);
    }

    [Test]
    public async Task A_transaction_reverting_with_a_custom_error_throws_its_typed_exception()
    {
        var error = (await Assert.ThrowsAsync<MultisigVault.OnlyVaultError>(() => _vault.AddOwnerAsync(s_recipient, 2)))!;

        Assert.That(error.Caller, Is.EqualTo(Devnet.Account0));
        Assert.That(error.Message, Is.EqualTo($"Contract reverted with OnlyVault(address): caller: {Devnet.Account0}"));
    }

    [Test]
    public async Task A_call_reverting_with_a_custom_error_throws_its_typed_exception()
    {
        var error = (await Assert.ThrowsAsync<MultisigVault.SignaturesTooShortError>(() => _vault.CheckSignaturesAsync(new byte[32], new byte[10])))!;

        Assert.That((error.Length, error.Required), Is.EqualTo((new BigInteger(10), new BigInteger(130))));
    }

    [Test]
    public async Task A_read_only_connection_refuses_to_send()
    {
        var readOnly = new MultisigVault(_vault.Address, new ContractConnection(_owner0.Eth));

        var error = (await Assert.ThrowsAsync<InvalidOperationException>(() => readOnly.ApproveHashAsync(new byte[32])))!;

        Assert.That(error.Message, Is.EqualTo("Cannot send MultisigVault.approveHash(bytes32): the connection has no transaction sender (it is read-only)."));
    }

    private Eip712Domain Domain() => new() { Name = "MultisigVault", Version = "1", ChainId = 10, VerifyingContract = _vault.Address };

    /// <summary>r ‖ s ‖ v of each owner, in ascending address order as the vault requires.</summary>
    private byte[] SignAscending(MultisigVault.VaultTransaction transaction, params EthereumKey[] owners) =>
        [.. owners.OrderBy(k => k.Address).SelectMany(k => transaction.Sign(Domain(), k).ToBytes())];
}
