// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/**
 * @title DaoGovernor
 * @notice The DAO's on-chain governor: token-weighted For/Against/Abstain votes (also by EIP-712 signature through a
 * relayer), a quorum expressed as a fraction of the supply, and execution through a {TimelockController} that holds
 * the treasury.
 * @dev A plain composition of OpenZeppelin Governor 5 modules; it adds no storage and no hooks, so every call costs
 * exactly what OpenZeppelin's does. The clock is the token's (timestamp), so `votingDelay` and `votingPeriod` are in
 * seconds. Settings, quorum and timelock can only be changed by a proposal executed through the timelock.
 */
contract DaoGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    /**
     * @notice Creates the governor.
     * @param token The votes token (its clock becomes the governor's clock).
     * @param timelock The timelock that executes proposals and holds the treasury.
     * @param initialVotingDelay Seconds between a proposal and the start of its vote.
     * @param initialVotingPeriod Seconds the vote stays open.
     * @param initialProposalThreshold Votes a proposer needs at `clock() - 1`.
     * @param quorumNumerator Quorum in percent of the total supply at the vote's snapshot.
     *
     * Requirements:
     * - `initialVotingPeriod` is not zero and `quorumNumerator` is at most 100 (enforced by OpenZeppelin).
     *
     * Emits {VotingDelaySet}, {VotingPeriodSet}, {ProposalThresholdSet}, {QuorumNumeratorUpdated} and
     * {TimelockChange}.
     */
    constructor(
        IVotes token,
        TimelockController timelock,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 quorumNumerator
    )
        Governor("DaoGovernor")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, initialProposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumNumerator)
        GovernorTimelockControl(timelock)
    {}

    /**
     * @notice Seconds between a proposal's creation and the start of its vote.
     */
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /**
     * @notice Seconds a vote stays open.
     */
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /**
     * @notice Votes an account needs to create a proposal.
     */
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /**
     * @notice State of `proposalId`, taking the timelock's view of queued operations into account.
     */
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /**
     * @notice Whether `proposalId` must be queued in the timelock before execution (always true here).
     */
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
