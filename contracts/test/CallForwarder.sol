// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title CallForwarder
/// @notice A test fixture: an account that is a contract but none of the platform's executors (as a smart account
///         is), so that readers which open calls made through the vault, the timelock and the governor meet one they
///         cannot open from calldata alone. Anyone may use it. Not part of the platform.
contract CallForwarder {
    /// @notice The call forwarded to `target` reverted with `reason`.
    /// @param target The contract called.
    /// @param reason The revert data it returned.
    error ForwardedCallFailed(address target, bytes reason);

    /// @notice Emitted when {forward} has called `target` with `value` wei.
    /// @param target The contract called.
    /// @param value The wei sent with the call.
    event Forwarded(address indexed target, uint256 value);

    /// @notice Emitted when the forwarder receives `value` wei from `from` (a stake or reward paid back).
    /// @param from The sender.
    /// @param value The wei received.
    event Received(address indexed from, uint256 value);

    /// @notice Calls `target` with `data` and the wei sent, as this contract.
    /// @dev Reverts with {ForwardedCallFailed} when the call reverts. Emits a {Forwarded} event.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @return result What the call returned.
    function forward(address target, bytes calldata data) external payable returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call{value: msg.value}(data);
        if (!ok) revert ForwardedCallFailed(target, result);
        emit Forwarded(target, msg.value);
    }

    /// @notice Accepts wei. Emits a {Received} event.
    receive() external payable {
        emit Received(msg.sender, msg.value);
    }
}
