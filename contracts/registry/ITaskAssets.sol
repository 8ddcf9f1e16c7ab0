// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ITaskAssets
 * @notice What the training tasks ask of the asset registry when a task names registered assets
 * (docs/training-tasks.md §9): an incumbent model that entries must beat and whose beaten successor becomes its
 * next version, and a dataset whose committed test-set root is the task's hidden test set. Only the training tasks
 * the registry reads authors from may call the state-changing functions.
 */
interface ITaskAssets {
    /// @notice Records that task `taskId`, created by `funder`, names model `incumbentAsset` as its incumbent, entered
    /// with bytes hashing to `incumbentHash` (a large model's: its commitment, whose model root it is), and dataset `testSetAsset` as its test set, under `testSetRoot` (zero
    /// asset: none).
    /// @dev Reverts unless each named asset exists and is of its kind, `funder` owns it or is approved for it,
    /// `incumbentHash` is the model's content hash and `testSetRoot` the dataset's committed test-set root.
    function nameTaskAssets(
        uint256 taskId,
        address funder,
        uint256 incumbentAsset,
        bytes32 incumbentHash,
        uint256 testSetAsset,
        bytes32 testSetRoot
    ) external;

    /// @notice Records that the model `modelHash` won task `taskId` with `score`, beating its incumbent: it can be
    /// registered as the incumbent's next version.
    function recordIncumbentBeaten(uint256 taskId, bytes32 modelHash, uint256 score) external;

    /// @notice Whether content with this keccak256 is registered.
    function isRegistered(bytes32 contentHash) external view returns (bool);
}
