// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev The winner of an evaluated task in which no model reached the baseline score.
uint256 constant NO_WINNER = type(uint256).max;

/**
 * @title ITrainingTasks
 * @notice What the optimistic verifier reads from, and settles through, the commit-reveal training tasks.
 */
interface ITrainingTasks {
    /// @notice Terms of a task, fixed at creation.
    struct TaskConfig {
        address token; // reward and stake token; address(0) for ETH
        uint256 reward; // escrowed by the submitter, non-zero
        uint256 stake; // escrowed by every trainer at commit, returned at settlement to models at the baseline
        bytes32 testSetRoot; // TestSetMerkle root of the hidden test set
        uint32 testSetSize; // number of samples
        uint16 inputSize; // model input size = bytes per sample input
        uint16 classes; // model output size
        uint16 chunkSize; // samples per test-set reveal transaction (a power of two)
        uint16 maxTrainers; // cap on commitments
        uint8 maxLayers; // cap on model layers
        uint32 maxMacs; // cap on multiply-accumulates per prediction
        uint32 maxModelBytes; // cap on the encoded model's length
        uint64 commitDeadline; // commits strictly before
        uint64 revealDeadline; // model reveals from commitDeadline, strictly before
        uint64 testSetRevealDeadline; // test-set chunks from revealDeadline, strictly before
        uint32 minScore; // baseline: a model scoring below it is not paid and forfeits its stake
    }

    /// @notice Live state of a task.
    struct TaskState {
        address submitter;
        uint16 entryCount; // commitments so far
        uint16 revealedCount; // commitments whose model was revealed
        uint32 revealedChunks; // test-set chunks revealed so far, in order
        bool settled; // reward paid out (or credited)
        bytes32 labelsDigest; // running digest of the revealed labels (TestSetMerkle)
    }

    /// @notice The task's terms.
    function taskConfig(uint256 taskId) external view returns (TaskConfig memory);

    /// @notice The task's live state.
    function taskState(uint256 taskId) external view returns (TaskState memory);

    /// @notice The end of the evaluation phase: results may be posted strictly before it; from it on, a task
    /// with no pending result can be settled without evaluation. testSetRevealDeadline + EVALUATION_PERIOD.
    function evaluationDeadline(uint256 taskId) external view returns (uint256);

    /// @notice Whether the task opted in to large models: they are committed to and revealed by their row
    /// commitment (docs/training-tasks.md §8), and wrong predictions are proven through the prediction game.
    function isLargeModelTask(uint256 taskId) external view returns (bool);

    /// @notice Whether results and payouts must still wait for the availability game of the task's committed
    /// (unpublished) large models: its windows are open or a challenge is neither resolved nor slashed.
    function availabilityPending(uint256 taskId) external view returns (bool);

    /// @notice Whether every chunk of the task's test set has been revealed.
    function isTestSetRevealed(uint256 taskId) external view returns (bool);

    /// @notice The revealed models in commit order: their entry indexes and model hashes.
    function revealedModels(uint256 taskId)
        external
        view
        returns (uint256[] memory entryIndexes, bytes32[] memory modelHashes);

    /**
     * @notice Settles an evaluated task; only the verifier. Credits the reward to the trainer of entry
     * `winnerEntry` (scoring `winnerScore`), or back to the submitter when it is NO_WINNER (no model reached the
     * baseline) or the task's incumbent (no entry beat it); credits the stakes back to the entries whose bit is set
     * in `qualifiedEntries` (bit i for entry i: revealed models at or above the baseline) and sends every other
     * stake to the treasury.
     */
    function settleEvaluated(uint256 taskId, uint256 winnerEntry, uint256 winnerScore, uint256 qualifiedEntries)
        external;
}
