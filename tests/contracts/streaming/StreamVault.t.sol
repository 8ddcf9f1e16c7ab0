// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {StreamVault} from "../../../contracts/streaming/StreamVault.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {TestAssertions} from "./TestAssertions.sol";

/// @dev Fuzz tests of the stream arithmetic on the real vault: whatever the rate, durations and
/// timing, deposited == withdrawn + withdrawable + refunded + still to stream, and every token
/// pulled in ends up with the recipient or back with the payer.
contract StreamVaultTest is TestAssertions {
    address private constant RECIPIENT = address(0xBEEF);
    uint40 private constant T0 = 1_700_000_000;

    StreamVault private vault;
    TestToken private token;

    // Running tallies of one scenario, in token units.
    uint256 private deposited;
    uint256 private withdrawn;
    uint256 private refunded;

    function setUp() public {
        vault = new StreamVault();
        token = new TestToken("Fuzz Token", "FZZ", 18);
        token.mint(address(this), type(uint128).max);
        token.approve(address(vault), type(uint256).max);
        VM.warp(T0);
    }

    function testFuzz_AmountsAlwaysAddUp(
        uint192 rate,
        uint40 duration,
        uint40 firstWait,
        uint40 addedDuration,
        uint40 secondWait,
        bool cancelEarly
    ) public {
        rate = uint192(_bound(rate, 1, 1e40));
        duration = uint40(_bound(duration, 1, 20 * 365 days));
        // At least one token unit must stream; the largest deposit stays far below the minted supply.
        if ((uint256(rate) * duration) / vault.RATE_SCALE() == 0) rate = uint192(vault.RATE_SCALE());
        uint256 finalStop = T0 + uint256(duration);

        deposited = _pulled(address(this), abi.encodeCall(vault.create, (IERC20(address(token)), RECIPIENT, rate, duration)));
        StreamVault.StreamKey memory key = StreamVault.StreamKey(IERC20(address(token)), address(this), RECIPIENT, rate, T0);
        _assertAddsUp(key);

        VM.warp(T0 + _bound(firstWait, 0, 2 * uint256(duration)));
        if (block.timestamp < T0 + duration) {
            addedDuration = uint40(_bound(addedDuration, 1, 5 * 365 days));
            deposited += _pulled(address(this), abi.encodeCall(vault.topUp, (key, addedDuration)));
            duration += addedDuration;
            finalStop += addedDuration;
            _assertAddsUp(key);
        }
        if (vault.withdrawableAmount(key) != 0) {
            withdrawn += _received(RECIPIENT, abi.encodeCall(vault.withdraw, (key)));
            _assertAddsUp(key);
        }

        VM.warp(block.timestamp + _bound(secondWait, 0, uint256(duration)));
        if (cancelEarly && block.timestamp < T0 + duration) {
            refunded += _received(address(this), abi.encodeCall(vault.cancel, (key)));
            finalStop = block.timestamp;
            _assertAddsUp(key);
        }

        // Long after the end everything left belongs to the recipient and can be withdrawn.
        VM.warp(uint256(T0) + 3 * uint256(duration) + 1);
        if (vault.withdrawableAmount(key) != 0) {
            withdrawn += _received(RECIPIENT, abi.encodeCall(vault.withdraw, (key)));
        }
        _assertAddsUp(key);
        _assertEq("vault balance", token.balanceOf(address(vault)), 0);
        _assertEq("recipient balance", token.balanceOf(RECIPIENT), withdrawn);
        // The recipient got exactly what streamed until the final stop; the payer got the rest back.
        _assertEq("recipient share", withdrawn, (uint256(rate) * (finalStop - T0)) / vault.RATE_SCALE());
        _assertEq("payer refund", refunded, deposited - withdrawn);
    }

    /// @dev A stream created twice with the same terms in the same second is rejected.
    function testDuplicateStreamInSameSecondReverts() public {
        IERC20 asset = IERC20(address(token));
        bytes32 streamId = vault.create(asset, RECIPIENT, 1e18, 100);
        try vault.create(asset, RECIPIENT, 1e18, 100) {
            revert UnexpectedSuccess();
        } catch (bytes memory reason) {
            _assertRevertData(reason, abi.encodeWithSelector(StreamVault.StreamExists.selector, streamId));
        }
    }

    /// @dev Cancelling in the second the stream started refunds everything and deletes it.
    function testCancelAtStartRefundsAllAndDeletes() public {
        IERC20 asset = IERC20(address(token));
        uint256 balanceBefore = token.balanceOf(address(this));
        bytes32 streamId = vault.create(asset, RECIPIENT, 3e18, 1000);
        StreamVault.StreamKey memory key = StreamVault.StreamKey(asset, address(this), RECIPIENT, 3e18, T0);
        _assertEq("refund", vault.cancel(key), 3000);
        _assertEq("payer balance", token.balanceOf(address(this)), balanceBefore);
        _assertEq("stop time", vault.getStream(streamId).stopTime, 0);
    }

    /// @dev Cancelling in the second of a withdrawal leaves nothing owed and deletes the stream.
    function testCancelRightAfterWithdrawDeletes() public {
        IERC20 asset = IERC20(address(token));
        bytes32 streamId = vault.create(asset, RECIPIENT, 2e18, 1000);
        StreamVault.StreamKey memory key = StreamVault.StreamKey(asset, address(this), RECIPIENT, 2e18, T0);
        VM.warp(T0 + 10);
        _assertEq("withdrawn", vault.withdraw(key), 20);
        _assertEq("refund", vault.cancel(key), 1980);
        _assertEq("stop time", vault.getStream(streamId).stopTime, 0);
        _assertEq("vault balance", token.balanceOf(address(vault)), 0);
    }

    function _assertAddsUp(StreamVault.StreamKey memory key) private view {
        uint256 withdrawable = vault.withdrawableAmount(key);
        uint256 unstreamed = vault.unstreamedAmount(key);
        _assertEq("withdrawn + withdrawable + refunded + unstreamed", withdrawn + withdrawable + refunded + unstreamed, deposited);
        _assertEq("vault balance", token.balanceOf(address(vault)), withdrawable + unstreamed);
    }

    /// @dev Runs a vault call and returns how many tokens it took from `account`.
    function _pulled(address account, bytes memory call) private returns (uint256) {
        uint256 before = token.balanceOf(account);
        _call(call);
        return before - token.balanceOf(account);
    }

    /// @dev Runs a vault call and returns how many tokens it gave `account`.
    function _received(address account, bytes memory call) private returns (uint256) {
        uint256 before = token.balanceOf(account);
        _call(call);
        return token.balanceOf(account) - before;
    }

    function _call(bytes memory call) private {
        (bool ok, bytes memory reason) = address(vault).call(call);
        if (!ok) revert UnexpectedError(reason);
    }

    function _bound(uint256 x, uint256 min, uint256 max) private pure returns (uint256) {
        return min + (x % (max - min + 1));
    }
}
