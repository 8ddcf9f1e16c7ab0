// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {TransferIn} from "../utils/TransferIn.sol";

/// @title RevenueSplitter
/// @notice Splits ERC-20 revenue between payees by shares and streams it to them per second.
/// @dev Each deposit releases on its own schedule, evenly from its deposit time to the end of the
/// release bucket in which `deposit time + releaseDuration` falls (a bucket is 1/32 of the duration, so
/// a deposit takes at most 1/32 longer than the duration): a later deposit never delays what an earlier
/// one releases. Releases end only at bucket boundaries, so bringing the schedule up to date walks at
/// most 33 boundaries while anything is releasing. A "revenue per share" accumulator makes every
/// payee's accrual O(1): no path loops over payees or deposits. What is released while nobody holds
/// shares waits and goes to the next payees. The controller (owner, e.g. the DAO timelock) sets shares;
/// a payee is settled at the old shares before they change.
///
/// Rounding: releases carry 18 extra decimals ({PRECISION}) and the per-share accumulator 36; the
/// division by the total shares keeps its remainder for the next update, and each payee keeps the
/// fraction of a unit it accrued until a later release. So what is released is credited to within one
/// token unit per payee, whatever the scale of the shares (at most MAX_TOTAL_SHARES) and of the token.
/// Credits use the amount actually received, so a token taking a fee on transfer cannot leave
/// credits the contract cannot pay.
contract RevenueSplitter is Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Fixed-point scale of the release rate.
    uint256 public constant PRECISION = 1e18;
    /// @notice Most shares in total: keeps what the accumulator has not yet divided below one unit.
    uint256 public constant MAX_TOTAL_SHARES = 1e36;
    /// @dev Scale of the per-share accumulator and of payees' accruals: PRECISION * PRECISION.
    uint256 private constant ACCUMULATOR_SCALE = PRECISION * PRECISION;
    /// @dev Release buckets per release duration.
    uint256 private constant BUCKETS = 32;

    /// @notice The token split by this contract.
    IERC20 public immutable revenueToken;
    /// @notice How long each deposit takes to release (plus at most one bucket).
    uint40 public immutable releaseDuration;
    /// @dev Length of a release bucket: releaseDuration / 32, at least one second.
    uint40 private immutable _bucket;

    /// @dev Per-payee state: shares, revenue accrued (ACCUMULATOR_SCALE) and not paid, accumulator checkpoint.
    struct Payee {
        uint128 shares;
        uint256 accrued;
        uint256 revenuePerSharePaid;
    }

    /// @dev Sum of the release rates of unfinished deposits (token units per second times PRECISION).
    uint256 private _rate;
    uint40 private _lastUpdateTime;
    /// @dev The latest end of any deposit's release.
    uint40 private _periodFinish;
    /// @dev Release rate that ends at each bucket boundary.
    mapping(uint256 boundary => uint256 rate) private _rateEnding;
    /// @dev Revenue per share, times ACCUMULATOR_SCALE.
    uint256 private _revenuePerShare;
    /// @dev Released revenue (times ACCUMULATOR_SCALE) not yet divided among the shares: the remainder of
    /// the last division, or everything released while no shares existed.
    uint256 private _undistributed;
    uint256 private _totalShares;
    mapping(address account => Payee) private _payees;

    /// @notice The controller changed `account`'s shares.
    event SharesChanged(address indexed account, uint256 oldShares, uint256 newShares, uint256 totalShares);
    /// @notice `amount` of revenue arrived; it releases until `periodFinish`, and the total rate went from
    /// `oldRate` to `newRate`.
    event RevenueDeposited(address indexed from, uint256 amount, uint256 oldRate, uint256 newRate, uint40 periodFinish);
    /// @notice Released revenue was paid to a payee.
    event Released(address indexed account, uint256 amount);

    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The account is the zero address.
    error ZeroAddress();
    /// @notice The release duration is zero.
    error ZeroDuration();
    /// @notice The account already has exactly these shares.
    error SharesUnchanged(address account, uint256 shares);
    /// @notice The total shares would exceed MAX_TOTAL_SHARES.
    error TotalSharesTooLarge(uint256 totalShares, uint256 maxTotalShares);
    /// @notice Nothing has been released to the account since its last payout.
    error NothingToRelease(address account);

    /// @param token_ The revenue token.
    /// @param releaseDuration_ Seconds over which each deposit is released.
    /// @param controller The owner allowed to change shares.
    constructor(IERC20 token_, uint40 releaseDuration_, address controller) Ownable(controller) {
        if (address(token_) == address(0)) revert ZeroAddress();
        if (releaseDuration_ == 0) revert ZeroDuration();
        revenueToken = token_;
        releaseDuration = releaseDuration_;
        _bucket = uint40(Math.max(releaseDuration_ / BUCKETS, 1));
        _lastUpdateTime = uint40(block.timestamp);
    }

    /// @notice Pulls `amount` revenue from the caller and releases what arrived evenly from now until the
    /// end of the bucket in which now + releaseDuration falls. Earlier deposits keep their schedules.
    /// @dev Requirements: `amount` non-zero; the caller approved it. Emits {RevenueDeposited}.
    function deposit(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        _updateSchedule();
        uint256 received = TransferIn.pullReceived(revenueToken, msg.sender, amount);
        if (received == 0) revert ZeroAmount();

        uint256 finish = Math.ceilDiv(block.timestamp + releaseDuration, _bucket) * _bucket;
        uint256 span = finish - block.timestamp;
        uint256 rate = received * PRECISION / span;
        uint256 oldRate = _rate;
        _rate = oldRate + rate;
        _rateEnding[finish] += rate;
        if (finish > _periodFinish) _periodFinish = SafeCast.toUint40(finish);
        // The rounding of the rate (less than `span` / 1e18 units) is released at once.
        _undistributed += (received * PRECISION - rate * span) * PRECISION;
        emit RevenueDeposited(msg.sender, received, oldRate, oldRate + rate, uint40(finish));
    }

    /// @notice Pays `account` all revenue released to it so far. Anyone may call it; the tokens
    /// always go to `account`.
    /// @dev Requirements: at least one whole token unit released and unpaid. Emits {Released}.
    /// @return amount The tokens paid.
    function release(address account) external nonReentrant returns (uint256 amount) {
        _updateSchedule();
        Payee storage payee = _settle(account);
        amount = payee.accrued / ACCUMULATOR_SCALE;
        if (amount == 0) revert NothingToRelease(account);
        payee.accrued -= amount * ACCUMULATOR_SCALE;

        emit Released(account, amount);
        revenueToken.safeTransfer(account, amount);
    }

    /// @notice Sets `account`'s shares to `newShares`, after crediting it what it earned at its old
    /// shares. Setting zero removes the payee; what it already accrued stays releasable.
    /// @dev Requirements: caller is the owner; `account` non-zero; shares actually change; the total
    /// stays at most MAX_TOTAL_SHARES. Emits {SharesChanged}.
    function setShares(address account, uint128 newShares) external onlyOwner {
        if (account == address(0)) revert ZeroAddress();
        _updateSchedule();
        Payee storage payee = _settle(account);
        uint128 oldShares = payee.shares;
        if (oldShares == newShares) revert SharesUnchanged(account, newShares);
        uint256 newTotalShares = _totalShares - oldShares + newShares;
        if (newTotalShares > MAX_TOTAL_SHARES) revert TotalSharesTooLarge(newTotalShares, MAX_TOTAL_SHARES);
        payee.shares = newShares;
        _totalShares = newTotalShares;
        emit SharesChanged(account, oldShares, newShares, newTotalShares);
    }

    /// @notice Whole token units released to `account` and not yet paid, as of now.
    function releasable(address account) external view returns (uint256) {
        (, uint256 revenuePerShare,) = _scheduleAt(block.timestamp);
        Payee memory payee = _payees[account];
        return (payee.accrued + _earnedSinceCheckpoint(payee, revenuePerShare)) / ACCUMULATOR_SCALE;
    }

    /// @notice The shares of `account`.
    function sharesOf(address account) external view returns (uint256) {
        return _payees[account].shares;
    }

    /// @notice The sum of all payees' shares.
    function totalShares() external view returns (uint256) {
        return _totalShares;
    }

    /// @notice The release schedule as of now: the total `rate` of unfinished deposits (token units per
    /// second times PRECISION), when it was last applied and when the last deposit finishes releasing.
    function releaseSchedule() external view returns (uint256 rate, uint40 lastUpdateTime, uint40 periodFinish) {
        return (_rate, _lastUpdateTime, _periodFinish);
    }

    /// @notice Token units deposited and not yet released, as of now (rounded down).
    function unreleased() external view returns (uint256) {
        (uint256 rate,,) = _scheduleAt(block.timestamp);
        uint256 bucket = _bucket;
        uint256 t = block.timestamp;
        uint256 pending = 0;
        // Walk the remaining boundaries: each ends part of the rate.
        for (uint256 boundary = (t / bucket + 1) * bucket; rate != 0; boundary += bucket) {
            pending += rate * (boundary - t);
            rate -= _rateEnding[boundary];
            t = boundary;
        }
        return pending / PRECISION;
    }

    /// @notice Released revenue not yet credited to any payee, in whole token units (less than one while
    /// shares exist; everything released while none did).
    function undistributed() external view returns (uint256) {
        (,, uint256 pending) = _scheduleAt(block.timestamp);
        return pending / ACCUMULATOR_SCALE;
    }

    /// @dev Brings the rate and the accumulator up to now. (Rate endings passed stay in storage, never read again.)
    function _updateSchedule() private {
        if (_lastUpdateTime == block.timestamp) return;
        (_rate, _revenuePerShare, _undistributed) = _scheduleAt(block.timestamp);
        _lastUpdateTime = uint40(block.timestamp);
    }

    /**
     * @dev The schedule brought forward from the last update to `now_` without writing: the rate then,
     * the revenue per share and what stays undistributed. Walks one bucket boundary per step while
     * anything releases: at most BUCKETS + 2 steps, since no deposit releases for longer than
     * releaseDuration plus one bucket.
     */
    function _scheduleAt(uint256 now_) private view returns (uint256 rate, uint256 revenuePerShare, uint256 pending) {
        rate = _rate;
        revenuePerShare = _revenuePerShare;
        uint256 t = _lastUpdateTime;
        uint256 released = 0;
        uint256 bucket = _bucket;
        for (uint256 boundary = (t / bucket + 1) * bucket; rate != 0 && boundary <= now_; boundary += bucket) {
            released += rate * (boundary - t);
            rate -= _rateEnding[boundary];
            t = boundary;
        }
        if (rate != 0) released += rate * (now_ - t);
        pending = _undistributed + released * PRECISION;
        uint256 shares = _totalShares;
        if (shares != 0) {
            revenuePerShare += pending / shares;
            pending %= shares;
        }
    }

    /// @dev Credits `account` what it earned since its checkpoint. The schedule must be up to date.
    function _settle(address account) private returns (Payee storage payee) {
        payee = _payees[account];
        uint256 revenuePerShare = _revenuePerShare;
        uint256 earned = _earnedSinceCheckpoint(payee, revenuePerShare);
        if (earned != 0) payee.accrued += earned;
        payee.revenuePerSharePaid = revenuePerShare;
    }

    function _earnedSinceCheckpoint(Payee memory payee, uint256 revenuePerShare) private pure returns (uint256) {
        return uint256(payee.shares) * (revenuePerShare - payee.revenuePerSharePaid);
    }
}
