// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev The Foundry cheatcodes the Solidity tests use; Hardhat serves them at the usual address.
interface Cheats {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
}

/// @dev Assertions and cheatcode access shared by the Solidity tests (no forge-std here).
abstract contract TestAssertions {
    Cheats internal constant VM = Cheats(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    error Mismatch(string what, uint256 actual, uint256 expected);
    error UnexpectedSuccess();
    error UnexpectedError(bytes reason);

    function _assertEq(string memory what, uint256 actual, uint256 expected) internal pure {
        if (actual != expected) revert Mismatch(what, actual, expected);
    }

    /// @dev Reverts unless `reason` is exactly the revert data `expected`.
    function _assertRevertData(bytes memory reason, bytes memory expected) internal pure {
        if (keccak256(reason) != keccak256(expected)) revert UnexpectedError(reason);
    }
}
