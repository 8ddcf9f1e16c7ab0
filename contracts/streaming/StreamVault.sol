// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {TransferIn} from "../utils/TransferIn.sol";

/// @title StreamVault
/// @notice Per-second ERC-20 streams from a payer to a recipient, funded up front.
/// @dev A stream is named by its immutable terms ({StreamKey}); its id is `keccak256(abi.encode(key))`
/// and only the two timestamps that change live in storage, in one slot. That keeps `create` to a
/// single fresh storage slot (the LlamaPay approach), at the price of callers passing the key back.
///
/// Rounding: `ratePerSecond` is token units per second scaled by {RATE_SCALE}. The amount streamed
/// by time `t` is `floor(ratePerSecond * (t - startTime) / RATE_SCALE)`. Every transfer (deposit,
/// top-up, withdrawal, refund) is a difference of that one monotone function at two instants, so
/// they telescope exactly: deposited == withdrawn + withdrawable + refunded + still to stream, with
/// no dust. A token that takes a fee on transfer is refused at the deposit ({TransferIn-TokenDeliveredLess}),
/// since the stream must hold exactly what it streams; rebasing tokens are not supported.
contract StreamVault is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Fixed-point scale of `ratePerSecond`: 1e18 means one token unit per second.
    uint256 public constant RATE_SCALE = 1e18;

    /// @notice The immutable terms of a stream.
    struct StreamKey {
        IERC20 token;
        address payer;
        address recipient;
        uint192 ratePerSecond;
        uint40 startTime;
    }

    /// @notice The mutable part of a stream, one storage slot.
    /// @param stopTime End of streaming (exclusive); zero means no stream.
    /// @param settledTime Everything streamed before this instant has been paid to the recipient.
    struct StreamState {
        uint40 stopTime;
        uint40 settledTime;
    }

    mapping(bytes32 streamId => StreamState) private _streams;

    /// @notice A stream was created and its deposit pulled from the payer.
    event StreamCreated(
        bytes32 indexed streamId,
        IERC20 indexed token,
        address indexed payer,
        address recipient,
        uint192 ratePerSecond,
        uint40 startTime,
        uint40 stopTime,
        uint256 deposit
    );
    /// @notice The payer extended a stream by depositing `amount` more.
    event StreamToppedUp(bytes32 indexed streamId, uint40 oldStopTime, uint40 newStopTime, uint256 amount);
    /// @notice `amount` streamed tokens were paid to the recipient.
    event Withdrawn(bytes32 indexed streamId, address indexed recipient, uint256 amount);
    /// @notice The payer stopped a stream early and got back `refund`, the part not yet streamed.
    event StreamCanceled(bytes32 indexed streamId, uint40 oldStopTime, uint40 newStopTime, uint256 refund);

    /// @notice No stream with this id is open (never created, or fully settled and deleted).
    error StreamNotFound(bytes32 streamId);
    /// @notice A stream with identical terms was created in the same second; top it up instead.
    error StreamExists(bytes32 streamId);
    /// @notice The stream has already stopped streaming at `stopTime`.
    error StreamEnded(bytes32 streamId, uint40 stopTime);
    /// @notice Only the payer of the stream may do this.
    error NotPayer(bytes32 streamId, address caller);
    /// @notice The recipient is the zero address.
    error ZeroRecipient();
    /// @notice The rate is zero.
    error ZeroRate();
    /// @notice The duration is zero.
    error ZeroDuration();
    /// @notice The rate and duration stream less than one token unit.
    error ZeroAmount(uint192 ratePerSecond, uint40 duration);
    /// @notice The stop time would not fit in 40 bits.
    error StopTimeOverflow(uint40 stopTime, uint40 duration);
    /// @notice Nothing has been streamed to the recipient since the last withdrawal.
    error NothingToWithdraw(bytes32 streamId);

    /// @notice Opens a stream from the caller to `recipient` that starts now and lasts `duration`
    /// seconds, pulling the whole deposit `floor(ratePerSecond * duration / RATE_SCALE)` from the caller.
    /// @dev Requirements: `recipient` non-zero; `ratePerSecond` and `duration` non-zero; the deposit at
    /// least one token unit; the caller approved the deposit and the token delivers it in full; no
    /// identical stream opened this second.
    /// Emits {StreamCreated}.
    /// @return streamId `keccak256(abi.encode(key))` of the new stream's key.
    function create(IERC20 token, address recipient, uint192 ratePerSecond, uint40 duration)
        external
        nonReentrant
        returns (bytes32 streamId)
    {
        if (recipient == address(0)) revert ZeroRecipient();
        if (ratePerSecond == 0) revert ZeroRate();
        if (duration == 0) revert ZeroDuration();
        uint40 startTime = uint40(block.timestamp);
        if (duration > type(uint40).max - startTime) revert StopTimeOverflow(startTime, duration);
        uint40 stopTime = startTime + duration;
        uint256 deposit = _streamedBetween(ratePerSecond, 0, duration);
        if (deposit == 0) revert ZeroAmount(ratePerSecond, duration);

        streamId = keccak256(abi.encode(token, msg.sender, recipient, ratePerSecond, startTime));
        StreamState storage stream = _streams[streamId];
        if (stream.stopTime != 0) revert StreamExists(streamId);
        stream.stopTime = stopTime;
        stream.settledTime = startTime;

        emit StreamCreated(streamId, token, msg.sender, recipient, ratePerSecond, startTime, stopTime, deposit);
        TransferIn.pullExact(token, msg.sender, deposit);
    }

    /// @notice Extends a running stream by `addedDuration` seconds at the same rate, pulling exactly
    /// the extra amount that streams over those seconds from the payer.
    /// @dev Requirements: the stream exists and has not ended; the caller is its payer;
    /// `addedDuration` non-zero and the new stop time fits in 40 bits. Emits {StreamToppedUp}.
    /// @return amount The tokens pulled from the payer.
    function topUp(StreamKey calldata key, uint40 addedDuration) external nonReentrant returns (uint256 amount) {
        (bytes32 streamId, StreamState storage stream) = _openStream(key);
        if (msg.sender != key.payer) revert NotPayer(streamId, msg.sender);
        if (addedDuration == 0) revert ZeroDuration();
        uint40 oldStopTime = stream.stopTime;
        if (block.timestamp >= oldStopTime) revert StreamEnded(streamId, oldStopTime);
        if (addedDuration > type(uint40).max - oldStopTime) revert StopTimeOverflow(oldStopTime, addedDuration);
        uint40 newStopTime = oldStopTime + addedDuration;

        amount = _streamedBetween(
            key.ratePerSecond, oldStopTime - key.startTime, newStopTime - key.startTime
        );
        stream.stopTime = newStopTime;

        emit StreamToppedUp(streamId, oldStopTime, newStopTime, amount);
        TransferIn.pullExact(key.token, msg.sender, amount);
    }

    /// @notice Pays the recipient everything streamed to it and not yet withdrawn. Anyone may call it;
    /// the tokens always go to the stream's recipient. A stream that is fully paid out is deleted.
    /// @dev Requirements: the stream exists and something is withdrawable. Emits {Withdrawn}.
    /// @return amount The tokens paid to the recipient.
    function withdraw(StreamKey calldata key) external nonReentrant returns (uint256 amount) {
        (bytes32 streamId, StreamState storage stream) = _openStream(key);
        uint40 stopTime = stream.stopTime;
        uint40 settledTime = stream.settledTime;
        uint40 until = block.timestamp < stopTime ? uint40(block.timestamp) : stopTime;

        amount = _streamedBetween(key.ratePerSecond, settledTime - key.startTime, until - key.startTime);
        if (amount == 0) revert NothingToWithdraw(streamId);
        if (until == stopTime) {
            delete _streams[streamId];
        } else {
            stream.settledTime = until;
        }

        emit Withdrawn(streamId, key.recipient, amount);
        key.token.safeTransfer(key.recipient, amount);
    }

    /// @notice Stops a stream now: the part not yet streamed is refunded to the payer, the part
    /// already streamed stays withdrawable by the recipient.
    /// @dev Requirements: the stream exists and has not ended; the caller is its payer.
    /// Emits {StreamCanceled}.
    /// @return refund The tokens returned to the payer.
    function cancel(StreamKey calldata key) external nonReentrant returns (uint256 refund) {
        (bytes32 streamId, StreamState storage stream) = _openStream(key);
        if (msg.sender != key.payer) revert NotPayer(streamId, msg.sender);
        uint40 oldStopTime = stream.stopTime;
        if (block.timestamp >= oldStopTime) revert StreamEnded(streamId, oldStopTime);
        uint40 newStopTime = uint40(block.timestamp);

        refund = _streamedBetween(key.ratePerSecond, newStopTime - key.startTime, oldStopTime - key.startTime);
        if (stream.settledTime == newStopTime) {
            delete _streams[streamId];
        } else {
            stream.stopTime = newStopTime;
        }

        emit StreamCanceled(streamId, oldStopTime, newStopTime, refund);
        if (refund != 0) key.token.safeTransfer(key.payer, refund);
    }

    /// @notice The id of the stream with these terms: `keccak256(abi.encode(key))`.
    function streamIdOf(StreamKey calldata key) external pure returns (bytes32) {
        return keccak256(abi.encode(key));
    }

    /// @notice The stored state of a stream; all zero when no such stream is open.
    function getStream(bytes32 streamId) external view returns (StreamState memory) {
        return _streams[streamId];
    }

    /// @notice Tokens streamed to the recipient and not yet withdrawn; zero for an unknown stream.
    function withdrawableAmount(StreamKey calldata key) external view returns (uint256) {
        StreamState memory stream = _streams[keccak256(abi.encode(key))];
        if (stream.stopTime == 0) return 0;
        uint40 until = block.timestamp < stream.stopTime ? uint40(block.timestamp) : stream.stopTime;
        return _streamedBetween(key.ratePerSecond, stream.settledTime - key.startTime, until - key.startTime);
    }

    /// @notice Tokens deposited that have not streamed yet (what {cancel} would refund now).
    function unstreamedAmount(StreamKey calldata key) external view returns (uint256) {
        StreamState memory stream = _streams[keccak256(abi.encode(key))];
        if (block.timestamp >= stream.stopTime) return 0;
        return _streamedBetween(
            key.ratePerSecond, uint40(block.timestamp) - key.startTime, stream.stopTime - key.startTime
        );
    }

    /// @dev Loads an open stream or reverts with {StreamNotFound}.
    function _openStream(StreamKey calldata key) private view returns (bytes32 streamId, StreamState storage stream) {
        streamId = keccak256(abi.encode(key));
        stream = _streams[streamId];
        if (stream.stopTime == 0) revert StreamNotFound(streamId);
    }

    /// @dev Tokens streamed between `from` and `to` seconds after the start. Always computed as the
    /// difference of the cumulative amounts so that consecutive intervals add up exactly.
    function _streamedBetween(uint192 ratePerSecond, uint40 from, uint40 to) private pure returns (uint256) {
        return (uint256(ratePerSecond) * to) / RATE_SCALE - (uint256(ratePerSecond) * from) / RATE_SCALE;
    }
}
