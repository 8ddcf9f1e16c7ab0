using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform.Custody;

/// <summary>The vault's owners, approval threshold, next nonce and ETH balance (wei).</summary>
public sealed record VaultOwners(Address Vault, IReadOnlyList<Address> Owners, BigInteger Threshold, BigInteger Nonce, BigInteger Balance);

/// <summary>
/// The multisig vault's off-chain approval flow (docs/vault-signing.md): propose a transaction to a file, each owner
/// signs it (EIP-712 <c>VaultTransaction(address to,uint256 value,bytes data,uint256 nonce)</c> under the vault's
/// domain), approvals are collected, and anyone executes it once the threshold is reached.
/// </summary>
public sealed class VaultService(ChainConnection chain, PlatformContracts platform)
{
    /// <summary>
    /// A transaction for the vault to sign, at the vault's next nonce plus <paramref name="nonceOffset"/> (for a
    /// sequence of transactions approved together, executed in order).
    /// </summary>
    public async Task<VaultTransactionFile> ProposeAsync(
        Address to, BigInteger value, byte[] data, string summary, int nonceOffset = 0, CancellationToken cancellationToken = default)
    {
        BigInteger nonce = await platform.Vault.NonceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new VaultTransactionFile(platform.Vault.Address, chain.ChainId, to, value, data, nonce + nonceOffset, summary, []);
    }

    /// <summary>Adds the connection key's approval to <paramref name="transaction"/> (replacing an earlier one of the same owner).</summary>
    /// <exception cref="PlatformException">The key is not an owner, or the file is for another vault or chain.</exception>
    public async Task<VaultTransactionFile> SignAsync(VaultTransactionFile transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        EthereumKey key = chain.RequireKey("sign a vault transaction");
        CheckFor(transaction);
        if (!await platform.Vault.IsOwnerAsync(key.Address, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            throw PlatformException.BadInput($"{key.Address} is not an owner of the vault {platform.Vault.Address}");
        }
        var typed = new MultisigVault.VaultTransaction(transaction.To, transaction.Value, transaction.Data, transaction.Nonce);
        Signature signature = typed.Sign(Domain(), key);
        return transaction with { Approvals = [.. transaction.Approvals.Where(a => a.Owner != key.Address), new VaultApproval(key.Address, signature.ToBytes())] };
    }

    /// <summary>Merges the approvals of several files of the same transaction.</summary>
    /// <exception cref="PlatformException">The files are of different transactions.</exception>
    public static VaultTransactionFile Collect(IReadOnlyList<VaultTransactionFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw PlatformException.BadInput("no vault transaction files to collect");
        }
        VaultTransactionFile first = files[0];
        if (files.FirstOrDefault(f => !f.SameTransaction(first)) is { } other)
        {
            throw PlatformException.BadInput($"the files hold different transactions (nonce {first.Nonce} to {first.To} and nonce {other.Nonce} to {other.To})");
        }
        var approvals = files.SelectMany(f => f.Approvals).GroupBy(a => a.Owner).Select(g => g.Last()).ToList();
        return first with { Approvals = approvals };
    }

    /// <summary>
    /// Executes <paramref name="transaction"/> with its approvals, each checked against its owner first so that a
    /// wrong or stale approval is named before any gas is spent.
    /// </summary>
    /// <exception cref="PlatformException">Too few approvals, an approval that does not recover to its owner, or a used nonce.</exception>
    public async Task<TransactionOutcome> ExecuteAsync(VaultTransactionFile transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        CheckFor(transaction);
        BigInteger nonce = await platform.Vault.NonceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (transaction.Nonce != nonce)
        {
            throw PlatformException.BadInput($"the transaction is for vault nonce {transaction.Nonce}, but the vault's next nonce is {nonce}");
        }
        BigInteger threshold = await platform.Vault.ThresholdAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (transaction.Approvals.Count < threshold)
        {
            throw PlatformException.BadInput($"the transaction has {transaction.Approvals.Count} approvals; the vault needs {threshold}");
        }
        TypedData typed = new MultisigVault.VaultTransaction(transaction.To, transaction.Value, transaction.Data, transaction.Nonce).ToTypedData(Domain());
        foreach (VaultApproval approval in transaction.Approvals)
        {
            Address signer = typed.RecoverSigner(Signature.FromBytes(approval.Signature));
            if (signer != approval.Owner)
            {
                throw PlatformException.BadInput($"the approval listed for {approval.Owner} was signed by {signer} (another transaction or vault?)");
            }
        }
        Move execute = VaultMoves.Execute(platform.Vault.Address, transaction.To, transaction.Value, transaction.Data,
            [.. transaction.Approvals.Select(a => (a.Owner, a.Signature))]);
        return await new MoveSender(chain).SendAsync(execute, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The vault's owners, threshold, next nonce and balance.</summary>
    public async Task<VaultOwners> OwnersAsync(CancellationToken cancellationToken = default)
    {
        var vault = platform.Vault;
        return new VaultOwners(
            vault.Address,
            await vault.GetOwnersAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            await vault.ThresholdAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            await vault.NonceAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            await chain.Eth.GetBalanceAsync(vault.Address, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    private Eip712Domain Domain() =>
        new() { Name = "MultisigVault", Version = "1", ChainId = chain.ChainId, VerifyingContract = platform.Vault.Address };

    private void CheckFor(VaultTransactionFile transaction)
    {
        if (transaction.Vault != platform.Vault.Address || transaction.ChainId != chain.ChainId)
        {
            throw PlatformException.BadInput($"the file is for vault {transaction.Vault} on chain {transaction.ChainId}, not {platform.Vault.Address} on chain {chain.ChainId}");
        }
    }
}
