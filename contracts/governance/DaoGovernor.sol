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
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title DaoGovernor
 * @notice The DAO's on-chain governor: token-weighted For/Against/Abstain votes (also by EIP-712 signature through a
 * relayer), a quorum expressed as a fraction of the supply, and execution through a {TimelockController} that holds
 * the treasury.
 * @dev A composition of OpenZeppelin Governor 5 modules; it adds no storage and no hooks on the proposal and vote
 * paths, so those cost exactly what OpenZeppelin's do. The clock is the token's (timestamp), so `votingDelay` and
 * `votingPeriod` are in seconds. Settings and quorum can only be changed by a proposal executed through the
 * timelock, and only within bounds that keep governance able to pass the next proposal: no single proposal can
 * brick it. The timelock cannot be replaced (a proposal naming a wrong one would strand the treasury).
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
    /// @notice Longest voting delay a proposal may set.
    uint256 public constant MAX_VOTING_DELAY = 30 days;
    /// @notice Longest voting period a proposal may set.
    uint256 public constant MAX_VOTING_PERIOD = 30 days;
    /// @notice Highest proposal threshold a proposal may set, in percent of the current supply.
    uint256 public constant MAX_PROPOSAL_THRESHOLD_PERCENT = 10;
    /// @notice Highest quorum a proposal may set, in percent of the supply.
    uint256 public constant MAX_QUORUM_PERCENT = 50;

    /// @notice A proposal tried to set a voting delay above MAX_VOTING_DELAY.
    error VotingDelayTooLong(uint256 votingDelay, uint256 max);
    /// @notice A proposal tried to set a voting period above MAX_VOTING_PERIOD.
    error VotingPeriodTooLong(uint256 votingPeriod, uint256 max);
    /// @notice A proposal tried to set a threshold above MAX_PROPOSAL_THRESHOLD_PERCENT of the supply.
    error ProposalThresholdTooHigh(uint256 threshold, uint256 max);
    /// @notice A proposal tried to set a quorum above MAX_QUORUM_PERCENT.
    error QuorumTooHigh(uint256 quorumNumerator, uint256 max);
    /// @notice The timelock cannot be replaced.
    error TimelockChangeDisabled();

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

    /// @inheritdoc GovernorSettings
    /// @dev Requirements: a proposal; newVotingDelay <= MAX_VOTING_DELAY.
    function setVotingDelay(uint48 newVotingDelay) public override {
        if (newVotingDelay > MAX_VOTING_DELAY) revert VotingDelayTooLong(newVotingDelay, MAX_VOTING_DELAY);
        super.setVotingDelay(newVotingDelay);
    }

    /// @inheritdoc GovernorSettings
    /// @dev Requirements: a proposal; 0 < newVotingPeriod <= MAX_VOTING_PERIOD.
    function setVotingPeriod(uint32 newVotingPeriod) public override {
        if (newVotingPeriod > MAX_VOTING_PERIOD) revert VotingPeriodTooLong(newVotingPeriod, MAX_VOTING_PERIOD);
        super.setVotingPeriod(newVotingPeriod);
    }

    /// @inheritdoc GovernorSettings
    /// @dev Requirements: a proposal; a threshold of at most MAX_PROPOSAL_THRESHOLD_PERCENT of the current
    /// supply, so that holders can always gather enough delegated votes to propose.
    function setProposalThreshold(uint256 newProposalThreshold) public override {
        uint256 max = IERC20(address(token())).totalSupply() * MAX_PROPOSAL_THRESHOLD_PERCENT / 100;
        if (newProposalThreshold > max) revert ProposalThresholdTooHigh(newProposalThreshold, max);
        super.setProposalThreshold(newProposalThreshold);
    }

    /// @inheritdoc GovernorVotesQuorumFraction
    /// @dev Requirements: a proposal; newQuorumNumerator <= MAX_QUORUM_PERCENT.
    function updateQuorumNumerator(uint256 newQuorumNumerator) public override {
        if (newQuorumNumerator > MAX_QUORUM_PERCENT) revert QuorumTooHigh(newQuorumNumerator, MAX_QUORUM_PERCENT);
        super.updateQuorumNumerator(newQuorumNumerator);
    }

    /// @notice Disabled: the timelock holds the treasury and cannot be replaced by a proposal.
    function updateTimelock(TimelockController) public pure override {
        revert TimelockChangeDisabled();
    }

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
