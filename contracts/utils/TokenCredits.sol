// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/**
 * @title TokenCredits
 * @notice Pull payments in ETH and ERC-20: a contract credits what it owes per token and account, and each
 * account withdraws its whole credit in one token at a time (checks-effects-interactions, reentrancy-guarded).
 */
abstract contract TokenCredits is ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Amount of `token` (address(0) for ETH) that `account` can withdraw.
    mapping(address token => mapping(address account => uint256)) public credits;

    /// @notice The withdrawable credit of `account` in `token` changed.
    event Credited(address indexed token, address indexed account, uint256 oldCredit, uint256 newCredit);
    /// @notice `account` withdrew `amount` of `token`.
    event Withdrawn(address indexed token, address indexed account, uint256 amount);

    /// @notice `account` has no credit in `token`.
    error NothingToWithdraw(address token, address account);

    /**
     * @notice Withdraws the caller's whole credit in `token` (address(0) for ETH).
     * @dev Requirements: a non-zero credit. Emits {Withdrawn}.
     */
    function withdraw(address token) external nonReentrant {
        uint256 amount = credits[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw(token, msg.sender);
        credits[token][msg.sender] = 0;
        emit Withdrawn(token, msg.sender, amount);
        if (token == address(0)) {
            Address.sendValue(payable(msg.sender), amount);
        } else {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
    }

    /// @dev Adds `amount` (if non-zero) to the credit of `account` in `token`. Emits {Credited}.
    function _credit(address token, address account, uint256 amount) internal {
        if (amount == 0) return;
        uint256 old = credits[token][account];
        credits[token][account] = old + amount;
        emit Credited(token, account, old, old + amount);
    }
}
