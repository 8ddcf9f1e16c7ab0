// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @title DaoTimelock
 * @notice The DAO treasury: an unmodified OpenZeppelin {TimelockController} that executes the governor's queued
 * proposals after `minDelay` seconds.
 * @dev Declared here only so the project builds an artifact for it. Deployment wiring (scripts/deploy.mjs): the
 * governor is the sole proposer and canceller, execution is open to anyone (address(0) executor), and the temporary
 * admin renounces its role, leaving the timelock as its own admin.
 */
contract DaoTimelock is TimelockController {
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
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
