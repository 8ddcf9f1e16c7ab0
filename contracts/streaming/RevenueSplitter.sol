// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title RevenueSplitter
/// @notice Splits ERC-20 revenue between payees by shares and streams it to them per second.
/// @dev Every deposit is added to whatever is still unreleased and the sum is released evenly over
/// the next `releaseDuration` seconds (one global rate). A "revenue per share" accumulator makes
/// every payee's accrual O(1): no path loops over payees or deposits. While no shares exist the
/// release clock is paused, so nothing is released to nobody. The controller (owner, e.g. the DAO
/// timelock) sets shares; a payee is settled at the old shares before they change.
///
/// Rounding: amounts inside the accumulator carry 18 extra decimals ({PRECISION}); converting a
/// payee's accrual to whole token units rounds down, so at most one token unit per settlement stays
/// in the contract. Tokens that take a fee on transfer or rebase are not supported.
contract RevenueSplitter is Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Fixed-point scale of the release rate and of revenue per share.
    uint256 public constant PRECISION = 1e18;

    /// @notice The token split by this contract.
    IERC20 public immutable revenueToken;
    /// @notice How long each deposit (merged with the unreleased rest) takes to release.
    uint40 public immutable releaseDuration;

    /// @dev Global release schedule, one slot. `rate` is token units per second times PRECISION.
    struct Schedule {
        uint176 rate;
        uint40 lastUpdateTime;
        uint40 periodFinish;
    }

    /// @dev Per-payee state: shares, revenue accrued but not released, accumulator checkpoint.
    struct Payee {
        uint128 shares;
        uint128 accrued;
        uint256 revenuePerSharePaid;
    }

    Schedule private _schedule;
    uint256 private _revenuePerShare;
    uint256 private _totalShares;
    mapping(address account => Payee) private _payees;

    /// @notice The controller changed `account`'s shares.
    event SharesChanged(address indexed account, uint256 oldShares, uint256 newShares, uint256 totalShares);
    /// @notice Revenue arrived; the unreleased total now releases at `newRate` until `periodFinish`.
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
    }

    /// @notice Pulls `amount` revenue from the caller and restarts the release period: everything not
    /// yet released, this deposit included, releases evenly over the next `releaseDuration` seconds.
    /// @dev Requirements: `amount` non-zero; the caller approved it. Emits {RevenueDeposited}.
    function deposit(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Schedule memory current = _updateSchedule();
        uint256 pending = current.periodFinish > block.timestamp
            ? uint256(current.rate) * (current.periodFinish - block.timestamp)
            : 0;
        uint256 newRate = (amount * PRECISION + pending) / releaseDuration;
        uint40 periodFinish = uint40(block.timestamp) + releaseDuration;
        _schedule = Schedule(SafeCast.toUint176(newRate), uint40(block.timestamp), periodFinish);

        emit RevenueDeposited(msg.sender, amount, current.rate, newRate, periodFinish);
        revenueToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Pays `account` all revenue released to it so far. Anyone may call it; the tokens
    /// always go to `account`.
    /// @dev Requirements: something released and unpaid. Emits {Released}.
    /// @return amount The tokens paid.
    function release(address account) external nonReentrant returns (uint256 amount) {
        _updateSchedule();
        Payee storage payee = _settle(account);
        amount = payee.accrued;
        if (amount == 0) revert NothingToRelease(account);
        payee.accrued = 0;

        emit Released(account, amount);
        revenueToken.safeTransfer(account, amount);
    }

    /// @notice Sets `account`'s shares to `newShares`, after crediting it what it earned at its old
    /// shares. Setting zero removes the payee; what it already accrued stays releasable.
    /// @dev Requirements: caller is the owner; `account` non-zero; shares actually change.
    /// Emits {SharesChanged}.
    function setShares(address account, uint128 newShares) external onlyOwner {
        if (account == address(0)) revert ZeroAddress();
        _updateSchedule();
        Payee storage payee = _settle(account);
        uint128 oldShares = payee.shares;
        if (oldShares == newShares) revert SharesUnchanged(account, newShares);
        payee.shares = newShares;
        uint256 newTotalShares = _totalShares - oldShares + newShares;
        _totalShares = newTotalShares;
        emit SharesChanged(account, oldShares, newShares, newTotalShares);
    }

    /// @notice Revenue released to `account` and not yet paid, as of now.
    function releasable(address account) external view returns (uint256) {
        Payee memory payee = _payees[account];
        return payee.accrued + _earnedSinceCheckpoint(payee, _currentRevenuePerShare(_schedule));
    }

    /// @notice The shares of `account`.
    function sharesOf(address account) external view returns (uint256) {
        return _payees[account].shares;
    }

    /// @notice The sum of all payees' shares.
    function totalShares() external view returns (uint256) {
        return _totalShares;
    }

    /// @notice The current release schedule: `rate` (token units per second times PRECISION),
    /// when it was last applied and when releasing ends.
    function releaseSchedule() external view returns (uint256 rate, uint40 lastUpdateTime, uint40 periodFinish) {
        Schedule memory s = _schedule;
        return (s.rate, s.lastUpdateTime, s.periodFinish);
    }

    /// @notice Revenue deposited and not yet released to anyone, as of now.
    function unreleased() external view returns (uint256) {
        Schedule memory s = _schedule;
        // With no shares the clock has been paused since the last update.
        uint256 releasedUntil = _totalShares == 0 ? s.lastUpdateTime : block.timestamp;
        if (releasedUntil >= s.periodFinish) return 0;
        return (uint256(s.rate) * (s.periodFinish - releasedUntil)) / PRECISION;
    }

    /// @dev Brings the accumulator up to now. With no shares outstanding the remaining release time
    /// is shifted to start now instead, so revenue waits for payees rather than being lost.
    function _updateSchedule() private returns (Schedule memory current) {
        current = _schedule;
        if (current.lastUpdateTime == block.timestamp) return current;
        if (current.periodFinish > current.lastUpdateTime) {
            if (_totalShares == 0) {
                current.periodFinish = uint40(block.timestamp) + (current.periodFinish - current.lastUpdateTime);
            } else {
                _revenuePerShare = _currentRevenuePerShare(current);
            }
        }
        current.lastUpdateTime = uint40(block.timestamp);
        _schedule = current;
    }

    /// @dev Credits `account` what it earned since its checkpoint. The schedule must be up to date.
    function _settle(address account) private returns (Payee storage payee) {
        payee = _payees[account];
        uint256 revenuePerShare = _revenuePerShare;
        uint256 earned = _earnedSinceCheckpoint(payee, revenuePerShare);
        if (earned != 0) payee.accrued = SafeCast.toUint128(payee.accrued + earned);
        payee.revenuePerSharePaid = revenuePerShare;
    }

    function _earnedSinceCheckpoint(Payee memory payee, uint256 revenuePerShare) private pure returns (uint256) {
        return Math.mulDiv(payee.shares, revenuePerShare - payee.revenuePerSharePaid, PRECISION);
    }

    /// @dev Revenue per share as of now, given the stored schedule (no pausing applied: callers only
    /// use it when shares exist, or get the stored value back when none do).
    function _currentRevenuePerShare(Schedule memory current) private view returns (uint256) {
        uint256 shares = _totalShares;
        uint256 end = block.timestamp < current.periodFinish ? block.timestamp : current.periodFinish;
        if (shares == 0 || end <= current.lastUpdateTime) return _revenuePerShare;
        return _revenuePerShare + (uint256(current.rate) * (end - current.lastUpdateTime)) / shares;
    }
}
