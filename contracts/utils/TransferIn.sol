// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/**
 * @title TransferIn
 * @notice Pulls ERC-20 tokens into the calling contract and measures what arrived, so that no contract
 * credits more than it holds: a token that takes a fee on transfer (or otherwise delivers less) is either
 * credited what it delivered ({pullReceived}) or refused with a clear error ({pullExact}).
 */
library TransferIn {
    using SafeERC20 for IERC20;

    /// @notice `token` delivered `received` of the `expected` amount (a fee on transfer, or a rebase).
    error TokenDeliveredLess(address token, uint256 expected, uint256 received);

    /// @notice Pulls `amount` of `token` from `from`; returns the amount the contract's balance grew by.
    function pullReceived(IERC20 token, address from, uint256 amount) internal returns (uint256 received) {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        received = token.balanceOf(address(this)) - before;
    }

    /// @notice Pulls exactly `amount` of `token` from `from`, or reverts with {TokenDeliveredLess}.
    function pullExact(IERC20 token, address from, uint256 amount) internal {
        uint256 received = pullReceived(token, from, amount);
        if (received != amount) revert TokenDeliveredLess(address(token), amount, received);
    }
}
