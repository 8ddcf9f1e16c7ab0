// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITrainingTasks} from "../../../contracts/training/ITrainingTasks.sol";
import {ITaskVerifier} from "../../../contracts/training/ITaskVerifier.sol";

/// @notice A verifier that settles whatever the test tells it to: reaches the guards of TrainingTasks that
/// the real OptimisticVerifier never trips. Test-only.
contract StandInVerifier is ITaskVerifier {
    address public immutable treasury;

    constructor(address treasury_) {
        treasury = treasury_;
    }

    function hasPendingResult(uint256) external pure returns (bool) {
        return false;
    }

    function settle(ITrainingTasks tasks, uint256 taskId, uint256 winnerEntry, uint256 qualifiedEntries) external {
        tasks.settleEvaluated(taskId, winnerEntry, 0, qualifiedEntries);
    }

    function settleScored(
        ITrainingTasks tasks,
        uint256 taskId,
        uint256 winnerEntry,
        uint256 winnerScore,
        uint256 qualifiedEntries
    ) external {
        tasks.settleEvaluated(taskId, winnerEntry, winnerScore, qualifiedEntries);
    }
}
