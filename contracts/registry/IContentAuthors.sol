// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IContentAuthors
 * @notice Who proved authorship of content the platform has seen: the training tasks record the trainer who
 * first revealed a model (its commitment, made before anyone could see the bytes, proves it).
 */
interface IContentAuthors {
    /// @notice The proven author of the content whose keccak256 is `contentHash`; zero when none is known.
    function authorOf(bytes32 contentHash) external view returns (address);
}
