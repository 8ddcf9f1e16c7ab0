// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AssetRegistry} from "./AssetRegistry.sol";
import {TransferIn} from "../utils/TransferIn.sol";

/// @title AccessPasses
/// @notice Access passes to the assets of an {AssetRegistry}, sold on chain as ERC-1155 tokens: one
/// token id ("pass id") per asset and terms. The owner of an asset offers terms (a price in ETH or an
/// ERC-20, and either a duration or a number of uses); buying mints passes and pays the price to the
/// asset's revenue in the registry ({AssetRegistry-payRevenue}: credited to the asset's owner, who may be
/// a splitter, a vault or a person) in the same transaction. Passes are transferable: whoever holds one
/// has the access, and sharing it means losing it.
/// @dev Consumption is recorded on chain with {consume}:
/// - a pass with `uses` terms mints `uses` units per pass bought; each use burns one unit;
/// - a pass with `duration` terms mints one unit per pass; its first use burns the unit and opens access
///   for `duration` seconds to the holder that used it (an opened access no longer moves with transfers,
///   as an Ocean order does not once started).
/// {consume} may be called by the holder itself or by a consumer the asset's owner authorized
/// ({setConsumer}), normally the content service that serves the asset: the owner who sells the passes
/// also chooses who records their use, so no new trust is introduced for buyers.
/// Terms never change once offered (a new price is a new pass id); the owner may only close or reopen sales.
contract AccessPasses is ERC1155, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Terms under which a pass id is sold.
    /// @param assetId The registry token the pass gives access to.
    /// @param paymentToken The ERC-20 the price is paid in; zero for ETH.
    /// @param price Price of one pass, in wei or token units.
    /// @param duration Seconds of access a pass opens on its first use; zero for a uses pass.
    /// @param uses Uses one pass grants; zero for a duration pass.
    /// @param onSale Whether the pass can be bought now.
    struct Terms {
        uint256 assetId;
        IERC20 paymentToken;
        uint256 price;
        uint64 duration;
        uint64 uses;
        bool onSale;
    }

    /// @notice The registry whose assets passes are sold for.
    AssetRegistry public immutable registry;

    uint256 private _nextPassId = 1;
    mapping(uint256 passId => Terms) private _terms;
    mapping(uint256 assetId => mapping(address consumer => bool)) private _consumers;
    mapping(address holder => mapping(uint256 passId => uint64 until)) private _accessUntil;

    /// @notice The owner of `assetId` offered pass `passId` under new terms.
    event TermsOffered(
        uint256 indexed passId, uint256 indexed assetId, address paymentToken, uint256 price, uint64 duration, uint64 uses
    );
    /// @notice Sales of `passId` were opened or closed.
    event SaleStateChanged(uint256 indexed passId, bool oldOnSale, bool newOnSale);
    /// @notice The owner of `assetId` authorized or deauthorized `consumer` to record uses.
    event ConsumerChanged(uint256 indexed assetId, address indexed consumer, bool oldAllowed, bool newAllowed);
    /// @notice `buyer` bought `quantity` passes `passId` for `to` (`units` minted), paying `paid` of
    /// `paymentToken` (zero for ETH), of which `received` reached the asset's revenue.
    event PassesBought(
        uint256 indexed passId,
        uint256 indexed assetId,
        address indexed buyer,
        address to,
        uint256 quantity,
        uint256 units,
        address paymentToken,
        uint256 paid,
        uint256 received
    );
    /// @notice `consumer` recorded a use of `passId` by `holder`: `unitsLeft` units remain with the
    /// holder, and its access lasts until `accessUntil` (zero for a uses pass).
    event PassUsed(
        uint256 indexed passId, address indexed holder, address indexed consumer, uint256 unitsLeft, uint64 accessUntil
    );

    /// @notice No pass has id `passId`.
    error UnknownPass(uint256 passId);
    /// @notice `caller` is neither the owner of asset `assetId` nor approved for it.
    error NotAssetOwner(uint256 assetId, address caller);
    /// @notice Terms need exactly one of `duration` and `uses` non-zero.
    error InvalidTermsKind(uint64 duration, uint64 uses);
    /// @notice The price is zero (a free asset is public, and needs no pass).
    error ZeroPrice();
    /// @notice The quantity is zero.
    error ZeroQuantity();
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice Pass `passId` is not on sale.
    error NotOnSale(uint256 passId);
    /// @notice Sales of `passId` are already in state `onSale`.
    error SaleStateUnchanged(uint256 passId, bool onSale);
    /// @notice The ETH attached (`sent`) is not the price due (`expected`; zero for an ERC-20 price).
    error WrongPayment(uint256 expected, uint256 sent);
    /// @notice `caller` may not record uses of `holder`'s pass `passId`.
    error NotConsumer(uint256 passId, address holder, address caller);
    /// @notice `holder` has no unit of `passId` left to use.
    error NoPassLeft(uint256 passId, address holder);
    /// @notice `holder`'s access to `passId` is already open until `accessUntil`.
    error AccessStillOpen(uint256 passId, address holder, uint64 accessUntil);

    /// @param registry_ The asset registry.
    /// @param uri_ The ERC-1155 metadata URI template ("{id}" replaced by clients).
    constructor(AssetRegistry registry_, string memory uri_) ERC1155(uri_) {
        if (address(registry_) == address(0)) revert ZeroAddress();
        registry = registry_;
    }

    /// @notice Offers passes to `assetId` under new terms, on sale at once.
    /// @dev Requirements: the caller owns the asset or is approved for it; exactly one of `duration` and
    /// `uses` non-zero; `price` non-zero. Emits {TermsOffered}.
    /// @param paymentToken The ERC-20 to be paid in; zero for ETH.
    /// @return passId The new pass id.
    function offer(uint256 assetId, IERC20 paymentToken, uint256 price, uint64 duration, uint64 uses)
        external
        returns (uint256 passId)
    {
        _checkAssetOwner(assetId);
        if ((duration == 0) == (uses == 0)) revert InvalidTermsKind(duration, uses);
        if (price == 0) revert ZeroPrice();
        passId = _nextPassId++;
        _terms[passId] = Terms(assetId, paymentToken, price, duration, uses, true);
        emit TermsOffered(passId, assetId, address(paymentToken), price, duration, uses);
    }

    /// @notice Opens or closes the sale of `passId`. Passes already sold stay valid.
    /// @dev Requirements: the pass exists; the caller owns its asset or is approved for it; the state
    /// changes. Emits {SaleStateChanged}.
    function setOnSale(uint256 passId, bool onSale) external {
        Terms storage terms = _existingTerms(passId);
        _checkAssetOwner(terms.assetId);
        bool old = terms.onSale;
        if (old == onSale) revert SaleStateUnchanged(passId, onSale);
        terms.onSale = onSale;
        emit SaleStateChanged(passId, old, onSale);
    }

    /// @notice Authorizes `consumer` (e.g. the asset's content service) to record uses of any pass to
    /// `assetId`, or withdraws that right.
    /// @dev Requirements: the caller owns the asset or is approved for it; `consumer` non-zero.
    /// Emits {ConsumerChanged}.
    function setConsumer(uint256 assetId, address consumer, bool allowed) external {
        _checkAssetOwner(assetId);
        if (consumer == address(0)) revert ZeroAddress();
        bool old = _consumers[assetId][consumer];
        _consumers[assetId][consumer] = allowed;
        emit ConsumerChanged(assetId, consumer, old, allowed);
    }

    /// @notice Buys `quantity` passes `passId` for `to`, paying their price into the asset's revenue in
    /// the registry in the same transaction. An ERC-20 price is pulled from the caller (approve this
    /// contract first); what the token actually delivers is what the asset's owner is credited.
    /// @dev Requirements: the pass exists and is on sale; `quantity` and `to` non-zero; for ETH, exactly
    /// price × quantity attached; for an ERC-20, no ETH attached and the allowance given; a contract `to`
    /// accepts ERC-1155 tokens. Emits {PassesBought} and {IERC1155-TransferSingle}.
    /// @return units The units minted: `quantity`, or `quantity` × `uses` for a uses pass.
    function buy(uint256 passId, uint256 quantity, address to) external payable nonReentrant returns (uint256 units) {
        Terms memory terms = _existingTerms(passId);
        if (!terms.onSale) revert NotOnSale(passId);
        if (quantity == 0) revert ZeroQuantity();
        if (to == address(0)) revert ZeroAddress();
        uint256 total = terms.price * quantity;
        units = terms.uses == 0 ? quantity : quantity * terms.uses;

        uint256 received;
        if (address(terms.paymentToken) == address(0)) {
            if (msg.value != total) revert WrongPayment(total, msg.value);
            received = total;
            registry.payRevenueETH{value: total}(terms.assetId);
        } else {
            if (msg.value != 0) revert WrongPayment(0, msg.value);
            received = TransferIn.pullReceived(terms.paymentToken, msg.sender, total);
            terms.paymentToken.forceApprove(address(registry), received);
            registry.payRevenue(terms.assetId, terms.paymentToken, received);
        }
        emit PassesBought(
            passId, terms.assetId, msg.sender, to, quantity, units, address(terms.paymentToken), total, received
        );
        // Last: the receiver hook of a contract `to` runs after payment and all state are settled.
        _mint(to, passId, units, "");
    }

    /// @notice Records one use of `holder`'s pass `passId`: burns one unit, and for a duration pass
    /// opens the holder's access for the terms' duration from now.
    /// @dev Requirements: the pass exists; the caller is `holder` or an authorized consumer of the
    /// pass's asset ({setConsumer}); the holder has a unit; for a duration pass, the holder's access
    /// is not open already. Emits {PassUsed} and {IERC1155-TransferSingle}.
    /// @return openedUntil When the opened access ends (zero for a uses pass).
    function consume(address holder, uint256 passId) external returns (uint64 openedUntil) {
        Terms storage terms = _existingTerms(passId);
        if (msg.sender != holder && !_consumers[terms.assetId][msg.sender]) {
            revert NotConsumer(passId, holder, msg.sender);
        }
        uint256 balance = balanceOf(holder, passId);
        if (balance == 0) revert NoPassLeft(passId, holder);
        uint64 duration = terms.duration;
        if (duration != 0) {
            uint64 open = _accessUntil[holder][passId];
            if (open > block.timestamp) revert AccessStillOpen(passId, holder, open);
            openedUntil = uint64(block.timestamp) + duration;
            _accessUntil[holder][passId] = openedUntil;
        }
        emit PassUsed(passId, holder, msg.sender, balance - 1, openedUntil);
        _burn(holder, passId, 1);
    }

    /// @notice The terms of `passId`.
    /// @dev Requirements: the pass exists.
    function termsOf(uint256 passId) external view returns (Terms memory) {
        return _existingTerms(passId);
    }

    /// @notice When `holder`'s opened access to duration pass `passId` ends (zero if never opened).
    function accessUntil(address holder, uint256 passId) external view returns (uint64) {
        return _accessUntil[holder][passId];
    }

    /// @notice Whether `consumer` may record uses of passes to `assetId`.
    function isConsumer(uint256 assetId, address consumer) external view returns (bool) {
        return _consumers[assetId][consumer];
    }

    /// @notice Whether `holder` may be served the asset of `passId` now: its duration access is open,
    /// or it holds a unit it can use.
    function canAccess(address holder, uint256 passId) external view returns (bool) {
        return _accessUntil[holder][passId] > block.timestamp || balanceOf(holder, passId) != 0;
    }

    function _checkAssetOwner(uint256 assetId) private view {
        address owner = registry.ownerOf(assetId);
        if (
            msg.sender != owner && !registry.isApprovedForAll(owner, msg.sender)
                && registry.getApproved(assetId) != msg.sender
        ) revert NotAssetOwner(assetId, msg.sender);
    }

    function _existingTerms(uint256 passId) private view returns (Terms storage terms) {
        terms = _terms[passId];
        if (terms.price == 0) revert UnknownPass(passId);
    }
}
