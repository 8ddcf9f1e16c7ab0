// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @title DaoTimelock
 * @notice The DAO treasury: an OpenZeppelin {TimelockController} that executes the governor's queued
 * proposals after `minDelay` seconds, with two bounds so that no single proposal can lock it: the delay is at
 * most MAX_DELAY (a delay of 2^48 seconds would make every later `queue` revert, its own repeal included), and
 * the roles are fixed once wiring is over, so no proposal can hand control of the treasury to another address.
 * @dev Deployment wiring (scripts/deploy.mjs): the governor is the sole proposer and canceller, execution is open
 * to anyone (address(0) executor), and the temporary admin renounces its role, leaving the timelock as its own
 * admin. From then on no role can be granted, revoked or renounced: a proposal (the timelock calling itself)
 * and the governor's `relay` are refused alike, because every role of a timelock is a control role (a second
 * proposer or admin bypasses the vote, a stranger canceller vetoes every proposal, a closed executor stalls
 * them). Moving to another governor means a proposal that moves the treasury and the ownerships to a new
 * timelock, which the voters see whole before they vote.
 */
contract DaoTimelock is TimelockController {
    /// @notice Longest delay the timelock accepts, at construction or from a proposal.
    uint256 public constant MAX_DELAY = 30 days;

    /// @dev Number of accounts holding each role (only the proposer and executor counts are read).
    mapping(bytes32 role => uint256) private _holders;

    /// @notice The delay exceeds MAX_DELAY.
    error DelayTooLong(uint256 delay, uint256 maxDelay);
    /// @notice Revoking `account` would leave nobody with `role`, locking the treasury.
    error LastRoleHolder(bytes32 role, address account);
    /// @notice `caller` tried to change `account`'s `role` after wiring: the roles are fixed once only the
    /// timelock administers itself.
    error RoleChangeAfterWiring(bytes32 role, address account, address caller);

    /**
     * @notice Creates the timelock.
     * @param minDelay Minimum seconds between queueing and executing an operation.
     * @param proposers Accounts granted the proposer and canceller roles.
     * @param executors Accounts granted the executor role (address(0) opens execution to anyone).
     * @param admin Optional temporary admin for the initial wiring (address(0) for none).
     *
     * Emits {RoleGranted} events and a {MinDelayChange} event.
     */
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {
        if (minDelay > MAX_DELAY) revert DelayTooLong(minDelay, MAX_DELAY);
    }

    /**
     * @notice Changes the delay of operations scheduled from now on.
     * @dev Requirements: called by the timelock itself (a proposal); newDelay <= MAX_DELAY.
     * Emits {MinDelayChange}.
     */
    function updateDelay(uint256 newDelay) public override {
        if (newDelay > MAX_DELAY) revert DelayTooLong(newDelay, MAX_DELAY);
        super.updateDelay(newDelay);
    }

    /// @dev Role changes are open only while the timelock is being built or to a wiring admin other than the
    /// timelock itself (the deployer, before it renounces); the wiring admin's own renunciation is the last one.
    function _checkRoleChange(bytes32 role, address account) private view {
        address caller = _msgSender();
        if (address(this).code.length == 0) return; // constructor
        if (caller != address(this) && hasRole(DEFAULT_ADMIN_ROLE, caller)) return;
        revert RoleChangeAfterWiring(role, account, caller);
    }

    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        _checkRoleChange(role, account);
        granted = super._grantRole(role, account);
        if (granted) ++_holders[role];
    }

    /// @dev Refuses to remove the last proposer (nothing could be queued again) or the last executor
    /// (nothing queued could run).
    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        _checkRoleChange(role, account);
        revoked = super._revokeRole(role, account);
        if (!revoked) return revoked;
        uint256 left = --_holders[role];
        if (left == 0 && (role == PROPOSER_ROLE || role == EXECUTOR_ROLE)) revert LastRoleHolder(role, account);
    }
}
