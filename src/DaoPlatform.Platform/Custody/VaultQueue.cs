using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Platform.Custody;

/// <summary>One pending vault transaction: its file, digest, the owners whose approval counts, and what it waits for.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Transaction">Its contents (checked: summary, note and every approval in it).</param>
/// <param name="Digest">The EIP-712 digest owners sign, which <c>approveHash</c> approves on chain (32 bytes).</param>
/// <param name="Approvers">Current owners who approved it, in the file or on chain, each once.</param>
/// <param name="Threshold">Approvals the vault needs.</param>
/// <param name="ReadyToExecute">It is at the vault's next nonce and has enough approvals.</param>
public sealed record PendingVaultTransaction(
    string Path, VaultTransactionFile Transaction, byte[] Digest, IReadOnlyList<Address> Approvers, BigInteger Threshold, bool ReadyToExecute);

/// <summary>A vault transaction file left out of the queue, and why (another vault, an executed nonce, a file that disagrees with itself).</summary>
public sealed record SkippedVaultFile(string Path, string Reason);

/// <summary>A vault hash approved on chain (<c>HashApproved</c>, not revoked) that no given file holds.</summary>
public sealed record OrphanApproval(byte[] Hash, IReadOnlyList<Address> Owners);

/// <summary>The vault's queue: pending transactions by nonce, files left out, and approvals on chain without a file.</summary>
public sealed record VaultQueueView(
    VaultOwners Vault, IReadOnlyList<PendingVaultTransaction> Pending, IReadOnlyList<SkippedVaultFile> Skipped, IReadOnlyList<OrphanApproval> OrphanApprovals);

/// <summary>
/// Reads the multisig vault's queue. The vault keeps no transaction on chain until it executes, only approvals
/// (<c>approveHash</c>): the transactions come from the owners' files, their approvals from the files (each recovered
/// against the digest) and from the chain (<c>approvedHashes</c>); approvals on chain with no file are read from the
/// <c>HashApproved</c> and <c>HashApprovalRevoked</c> logs in ranges of at most <see cref="ReadOptions.MaxLogRange"/> blocks.
/// </summary>
public sealed class VaultQueue(ChainConnection chain, PlatformContracts platform, ReadOptions? options = null)
{
    private readonly ReadOptions _options = options ?? new ReadOptions { StartBlock = platform.Addresses.DeploymentBlock };

    /// <summary>The queue of the vault transaction files at <paramref name="paths"/> (files, or folders whose <c>*.json</c> files are read).</summary>
    /// <exception cref="PlatformException">A path that does not exist.</exception>
    public async Task<VaultQueueView> ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        VaultOwners vault = await new VaultService(chain, platform).OwnersAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<PendingVaultTransaction>();
        var skipped = new List<SkippedVaultFile>();
        foreach (string path in Expand(paths))
        {
            VaultTransactionFile file;
            try
            {
                file = await VaultTransactionFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
                file.CheckApprovals(path);
            }
            catch (PlatformException e)
            {
                skipped.Add(new(path, e.Message));
                continue;
            }
            if (file.Vault != vault.Vault || file.ChainId != chain.ChainId)
            {
                skipped.Add(new(path, $"for vault {file.Vault} on chain {file.ChainId}, not {vault.Vault} on chain {chain.ChainId}"));
                continue;
            }
            if (file.Nonce < vault.Nonce)
            {
                skipped.Add(new(path, $"nonce {file.Nonce} is spent (the vault is at nonce {vault.Nonce}): executed, or replaced by another transaction"));
                continue;
            }
            byte[] digest = file.Approval().Digest;
            var approvers = new List<Address>();
            foreach (Address owner in vault.Owners)
            {
                if (file.Approvals.Any(a => a.Owner == owner)
                    || await platform.Vault.ApprovedHashesAsync(owner, digest, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    approvers.Add(owner);
                }
            }
            pending.Add(new(path, file, digest, approvers, vault.Threshold, file.Nonce == vault.Nonce && approvers.Count >= vault.Threshold));
        }
        pending.Sort((a, b) => a.Transaction.Nonce != b.Transaction.Nonce ? a.Transaction.Nonce.CompareTo(b.Transaction.Nonce) : string.CompareOrdinal(a.Path, b.Path));
        var orphans = await OrphanApprovalsAsync(vault, pending.Select(p => HexConvert.Encode(p.Digest)).ToHashSet(), cancellationToken).ConfigureAwait(false);
        return new VaultQueueView(vault, pending, skipped, orphans);
    }

    private async Task<List<OrphanApproval>> OrphanApprovalsAsync(VaultOwners vault, HashSet<string> known, CancellationToken cancellationToken)
    {
        ulong head = await chain.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (head < _options.StartBlock)
        {
            return [];
        }
        var approved = await LogRanges.QueryAsync(_options.StartBlock, head, _options.MaxLogRange,
            (from, to) => platform.Vault.QueryHashApprovedEventsAsync(from, to, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var revoked = await LogRanges.QueryAsync(_options.StartBlock, head, _options.MaxLogRange,
            (from, to) => platform.Vault.QueryHashApprovalRevokedEventsAsync(from, to, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Replay in log order: an approval counts until a later revocation by the same owner.
        var events = approved.Select(l => (l.Log.BlockNumber, l.Log.LogIndex, Hash: HexConvert.Encode(l.Event.Hash), l.Event.Owner, Approved: true))
            .Concat(revoked.Select(l => (l.Log.BlockNumber, l.Log.LogIndex, Hash: HexConvert.Encode(l.Event.Hash), l.Event.Owner, Approved: false)))
            .OrderBy(e => e.BlockNumber).ThenBy(e => e.LogIndex);
        var current = new Dictionary<string, HashSet<Address>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!current.TryGetValue(e.Hash, out HashSet<Address>? owners))
            {
                current[e.Hash] = owners = [];
            }
            if (e.Approved)
            {
                owners.Add(e.Owner);
            }
            else
            {
                owners.Remove(e.Owner);
            }
        }
        // A hash that executed is spent: ExecutionSuccess names it.
        var executed = await LogRanges.QueryAsync(_options.StartBlock, head, _options.MaxLogRange,
            (from, to) => platform.Vault.QueryExecutionSuccessEventsAsync(from, to, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var spent = executed.Select(l => HexConvert.Encode(l.Event.TxHash)).ToHashSet(StringComparer.Ordinal);
        return [.. current
            .Where(c => !known.Contains(c.Key) && !spent.Contains(c.Key))
            .Select(c => new OrphanApproval(HexConvert.Decode(c.Key), [.. c.Value.Where(o => vault.Owners.Contains(o))]))
            .Where(o => o.Owners.Count > 0)];
    }

    private static IEnumerable<string> Expand(IReadOnlyList<string> paths)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                // A folder holds other records too (proposals, commits, ballots): only vault transactions are read.
                foreach (string file in Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal).Where(LooksLikeVaultTransaction))
                {
                    yield return file;
                }
            }
            else
            {
                JsonFile.RequireFile(path, "vault transaction");
                yield return path;
            }
        }
    }

    private static bool LooksLikeVaultTransaction(string path)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path)) is System.Text.Json.Nodes.JsonObject o && o.ContainsKey("vault") && o.ContainsKey("approvals");
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
