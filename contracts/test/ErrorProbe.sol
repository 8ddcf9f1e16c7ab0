// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ErrorProbe
/// @notice A test fixture for the C# Ethereum layer: one of each revert kind (custom error with
///         arguments, require with a string, panic), an event with indexed and non-indexed
///         arguments, a view and a state change. Not part of the platform.
contract ErrorProbe {
    /// @notice The stored value.
    uint256 public value;

    /// @notice Emitted when {setValue} changes the stored value.
    /// @param setter The account that called {setValue}.
    /// @param tag A caller-chosen label, indexed for filtering.
    /// @param oldValue The value before the call.
    /// @param newValue The value after the call.
    event ValueChanged(address indexed setter, bytes32 indexed tag, uint256 oldValue, uint256 newValue);

    /// @notice The value passed to {setValue} exceeds `limit`.
    error ValueTooLarge(uint256 value, uint256 limit);

    /// @notice The largest value {setValue} accepts.
    uint256 public constant LIMIT = 1000;

    /// @notice Stores `newValue`.
    /// @dev Requirements: `newValue` must not exceed {LIMIT}. Emits a {ValueChanged} event.
    /// @param newValue The value to store.
    /// @param tag A label recorded in the event.
    function setValue(uint256 newValue, bytes32 tag) external {
        if (newValue > LIMIT) revert ValueTooLarge(newValue, LIMIT);
        uint256 oldValue = value;
        value = newValue;
        emit ValueChanged(msg.sender, tag, oldValue, newValue);
    }

    /// @notice Returns `a + b`; used as a pure view.
    /// @param a The first addend.
    /// @param b The second addend.
    /// @return The sum (reverts with a panic on overflow).
    function add(uint256 a, uint256 b) external pure returns (uint256) {
        return a + b;
    }

    /// @notice Reverts with `Error(string)` unless `ok` is true.
    /// @dev Requirements: `ok` must be true.
    /// @param ok Whether to succeed.
    function requireOk(bool ok) external pure {
        require(ok, "ErrorProbe: not ok");
    }

    /// @notice Reverts with `Panic(0x12)` (division by zero) when `divisor` is zero.
    /// @param dividend The dividend.
    /// @param divisor The divisor.
    /// @return The quotient.
    function divide(uint256 dividend, uint256 divisor) external pure returns (uint256) {
        return dividend / divisor;
    }
}
