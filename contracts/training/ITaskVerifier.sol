// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ITaskVerifier
 * @notice What the training tasks read from their verifier: where forfeited stakes go, and whether a
 * result is still being judged.
 */
interface ITaskVerifier {
    /// @notice The DAO's treasury: receives forfeited stakes, so no party to a task profits from them.
    function treasury() external view returns (address);

    /// @notice Whether a result for `taskId` is posted and neither finalized nor overturned yet.
    function hasPendingResult(uint256 taskId) external view returns (bool);
}
