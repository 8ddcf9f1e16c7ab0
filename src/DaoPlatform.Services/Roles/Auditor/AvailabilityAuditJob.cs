using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// Audits the availability of a task's committed large models (docs/training-tasks.md §8.5): for each model not yet
/// audited, once the block after its <c>ModelCommitted</c> exists, samples <see cref="AuditorOptions.SampledChunks"/>
/// chunks from that block's hash (<see cref="AvailabilitySampling"/>), fetches the model from the content store by its
/// CID and verifies it against the committed rows root; each sampled chunk it cannot verify is challenged with the
/// bond read from the chain, inside the challenge window. A chunk already challenged or resolved is left alone.
/// </summary>
public sealed class AvailabilityAuditJob(
    ChainReader reader, PlatformContracts contracts, AvailabilityReader availability, IContentStore store, RoleSenders senders, AuditedModels audited,
    IOptions<AuditorOptions> options, JobRunner runner, ILogger<AvailabilityAuditJob> logger)
{
    /// <summary>Runs the job for task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Auditor, JobKeys.AuditAvailability(taskId), logger, () => AuditAsync(taskId, cancellationToken));

    private async Task AuditAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        ulong deadline = AvailabilitySampling.ChallengeDeadline(task.Config.RevealDeadline);
        if (task.Timestamp >= deadline)
        {
            return;
        }
        IReadOnlyList<ChunkChallenge>? challenges = null;
        foreach (CommittedModel model in await availability.CommittedModelsAsync(task, cancellationToken).ConfigureAwait(false))
        {
            string root = HexConvert.Encode(model.ModelRoot);
            if (audited.IsAudited(taskId, model.Entry, root) || model.Block + 1 > task.BlockNumber)
            {
                // Audited, or the block whose hash draws the sample does not exist yet: a later tick audits it.
                continue;
            }
            BlockHeader seed = await contracts.Eth.GetBlockByNumberAsync(BlockTag.Number(model.Block + 1), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"eth_getBlockByNumber({model.Block + 1}) returned null below the head {task.BlockNumber}");
            ChainSender sender = senders.For(NodeRoles.Auditor);
            IReadOnlyList<int> sample = AvailabilitySampling.Chunks(HexConvert.Decode(seed.Hash), taskId, model.Entry, sender.Address, model.ChunkCount, options.Value.SampledChunks);
            (ModelCommitment? commitment, string? failure) = await CommittedModelContent.FetchAsync(store, model, cancellationToken).ConfigureAwait(false);
            if (commitment is not null)
            {
                logger.LogInformation("Committed model {ModelRoot} of entry {Entry} in task {TaskId} is available at {Cid}: sampled chunks {Chunks} verified",
                    root, model.Entry, taskId, model.Cid, string.Join(", ", sample));
                audited.MarkAudited(taskId, model.Entry, root);
                continue;
            }
            logger.LogWarning("Committed model {ModelRoot} of entry {Entry} in task {TaskId} is not available ({Failure}): challenging sampled chunks {Chunks}",
                root, model.Entry, taskId, failure, string.Join(", ", sample));
            challenges ??= await availability.ChallengesAsync(task, cancellationToken).ConfigureAwait(false);
            ModelAvailability contract = await availability.ContractAsync(cancellationToken).ConfigureAwait(false);
            bool complete = true;
            foreach (int chunk in sample)
            {
                if (challenges.Any(c => c.Entry == model.Entry && c.Chunk == chunk && c.State != ChunkChallengeState.Slashed))
                {
                    continue;
                }
                // The bond follows the base fee (2 x RESOLVE_GAS x basefee, at least MIN_CHALLENGE_BOND): an eighth more
                // covers one block's rise; the contract holds all of it and returns it with the bond.
                BigInteger bond = await contract.ChallengeBondAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                Move move = AvailabilityMoves.Challenge(contract.Address, taskId, model.Entry, chunk, bond + bond / 8);
                if (await sender.SendAsync(move, cancellationToken).ConfigureAwait(false) is { } receipt)
                {
                    logger.LogInformation("Challenged chunk {Chunk} of entry {Entry}'s committed model in task {TaskId}: transaction {Transaction}",
                        chunk, model.Entry, taskId, receipt.TransactionHash);
                }
                else
                {
                    complete = false;
                }
            }
            if (complete)
            {
                audited.MarkAudited(taskId, model.Entry, root);
            }
        }
    }
}
