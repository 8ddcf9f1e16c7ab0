// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ERC721Holder} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Holder.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

/**
 * @title MultisigVault
 * @notice An M-of-N multisig custody vault for ETH, ERC-20, ERC-721 and ERC-1155 assets. Any account may submit a
 * transaction with `threshold` owner approvals; the vault then performs it as a plain CALL.
 * @dev Approvals sign the EIP-712 struct `VaultTransaction(address to,uint256 value,bytes data,uint256 nonce)` under
 * the domain (name "MultisigVault", version "1", chainId, verifyingContract), so an approval is bound to one chain,
 * one vault and one nonce. Each approval is a 65-byte entry `r | s | v`, entries ordered by strictly ascending owner
 * address:
 * - `v` 27/28: ECDSA signature of the EIP-712 digest by an externally owned owner (high-s rejected);
 * - `v` 0: ERC-1271 owner; `r` holds the owner address, `s` the byte offset (inside `signatures`, after all static
 *   entries) of `uint256 length | bytes signature` passed to the owner's `isValidSignature(digest, signature)`;
 * - `v` 1: on-chain approval; `r` holds the owner address, who either called {approveHash} with the digest (and
 *   has not withdrawn it with {revokeApprovedHash}) or is the caller of {execute}.
 * docs/vault-signing.md describes the encoding for off-chain signers.
 *
 * The vault is itself an ERC-1271 signer: owners approve `VaultMessage(bytes32 hash)` under the same domain, so the
 * vault can own another vault, vote with `castVoteBySig`, or sign off-chain orders.
 *
 * Owners live in an OpenZeppelin EnumerableSet: membership is one storage read on the execution path, removal is
 * constant time. The nonce and the threshold share one storage slot, so an execution reads them with one SLOAD and
 * writes the nonce with one SSTORE into an already non-zero slot.
 * Owner management is only reachable through {execute} (the vault calling itself).
 */
contract MultisigVault is IERC1271, EIP712, ReentrancyGuardTransient, ERC721Holder, ERC1155Holder {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice EIP-712 type hash of the struct owners approve.
    bytes32 public constant VAULT_TRANSACTION_TYPEHASH =
        keccak256("VaultTransaction(address to,uint256 value,bytes data,uint256 nonce)");
    /// @notice EIP-712 type hash of the struct owners approve to sign a message (ERC-1271) as the vault.
    bytes32 public constant VAULT_MESSAGE_TYPEHASH = keccak256("VaultMessage(bytes32 hash)");

    uint256 private constant _SIGNATURE_ENTRY_LENGTH = 65;
    uint8 private constant _CONTRACT_SIGNATURE = 0;
    uint8 private constant _APPROVED_HASH = 1;

    /// @dev Packed so that {execute} touches a single slot for both values.
    struct Config {
        uint64 nonce;
        uint64 threshold;
    }

    Config private _config;
    EnumerableSet.AddressSet private _owners;

    /// @notice Whether `owner` approved the EIP-712 digest `hash` on-chain through {approveHash}.
    mapping(address owner => mapping(bytes32 hash => bool approved)) public approvedHashes;

    /// @notice A transaction approved by the owners was executed; `nonce` is the nonce it consumed.
    event ExecutionSuccess(bytes32 indexed txHash, uint256 nonce);
    /// @notice `owner` approved the digest `hash` on-chain.
    event HashApproved(bytes32 indexed hash, address indexed owner);
    /// @notice `owner` withdrew its on-chain approval of the digest `hash`.
    event HashApprovalRevoked(bytes32 indexed hash, address indexed owner);
    /// @notice `owner` became an owner.
    event OwnerAdded(address indexed owner);
    /// @notice `owner` is no longer an owner.
    event OwnerRemoved(address indexed owner);
    /// @notice The number of approvals required changed.
    event ThresholdChanged(uint256 oldThreshold, uint256 newThreshold);
    /// @notice The vault received `amount` wei from `sender` through a plain transfer.
    event EtherReceived(address indexed sender, uint256 amount);

    /// @notice `caller` tried an owner-management function directly instead of through {execute}.
    error OnlyVault(address caller);
    /// @notice `owner` cannot be an owner (zero address or the vault itself).
    error InvalidOwner(address owner);
    /// @notice `owner` is already an owner.
    error DuplicateOwner(address owner);
    /// @notice `account` is not an owner.
    error NotAnOwner(address account);
    /// @notice `threshold` is zero or above the `ownerCount` owners.
    error InvalidThreshold(uint256 threshold, uint256 ownerCount);
    /// @notice `signatures` is `length` bytes long but `threshold` entries need `required` bytes.
    error SignaturesTooShort(uint256 length, uint256 required);
    /// @notice The ECDSA entry at `index` is malformed, malleable (high s) or does not recover to an address.
    error InvalidECDSASignature(uint256 index);
    /// @notice Signers must be given in strictly ascending address order: `signer` came after `previous`.
    error SignersNotAscending(address signer, address previous);
    /// @notice `owner` neither approved `hash` on-chain nor is the caller.
    error HashNotApproved(address owner, bytes32 hash);
    /// @notice The dynamic part of a contract signature at `offset` is outside the `length`-byte signatures.
    error ContractSignatureOutOfBounds(uint256 offset, uint256 length);
    /// @notice The ERC-1271 owner `owner` rejected its signature.
    error InvalidContractSignature(address owner);
    /// @notice The call of transaction `txHash` reverted with `returnData`.
    error ExecutionFailed(bytes32 txHash, bytes returnData);

    modifier onlyVault() {
        if (msg.sender != address(this)) revert OnlyVault(msg.sender);
        _;
    }

    /**
     * @notice Creates the vault with its initial owners and threshold.
     * @param owners Initial owners (EOAs or ERC-1271 contracts), in any order.
     * @param initialThreshold Number of approvals each transaction needs.
     *
     * Requirements:
     * - no owner is the zero address, the vault itself, or listed twice;
     * - `initialThreshold` is between 1 and the number of owners.
     *
     * Emits an {OwnerAdded} event per owner and a {ThresholdChanged} event from 0.
     */
    constructor(address[] memory owners, uint256 initialThreshold) EIP712("MultisigVault", "1") {
        for (uint256 i = 0; i < owners.length; ++i) {
            _addOwner(owners[i]);
        }
        _setThreshold(initialThreshold);
    }

    /**
     * @notice Accepts plain ETH transfers.
     *
     * Emits an {EtherReceived} event.
     */
    receive() external payable {
        emit EtherReceived(msg.sender, msg.value);
    }

    /**
     * @notice Executes `to.call{value: value}(data)` once `threshold` owners approved it for the current nonce.
     * @dev Anyone may submit (e.g. a relayer). Only the first `threshold` entries of `signatures` are checked. The
     * nonce is consumed before the call; a reverting call reverts the whole execution, so the approvals stay usable
     * and no one can burn them by submitting early or with too little gas.
     * @param to Call target.
     * @param value Wei sent with the call, from the vault's balance.
     * @param data Call data.
     * @param signatures Owner approvals, encoded as described in the contract documentation.
     *
     * Requirements:
     * - `signatures` holds `threshold` valid approvals of the transaction at the current nonce, by distinct owners in
     *   strictly ascending address order;
     * - the call succeeds;
     * - not reentered from within another execution.
     *
     * Emits an {ExecutionSuccess} event.
     */
    function execute(
        address to,
        uint256 value,
        bytes calldata data,
        bytes calldata signatures
    ) external nonReentrant {
        Config memory config = _config;
        bytes32 txHash = _hashVaultTransaction(to, value, data, config.nonce);
        _checkSignatures(txHash, signatures, config.threshold, msg.sender);

        unchecked {
            _config = Config({nonce: config.nonce + 1, threshold: config.threshold});
        }
        (bool success, bytes memory returnData) = to.call{value: value}(data);
        if (!success) revert ExecutionFailed(txHash, returnData);
        emit ExecutionSuccess(txHash, config.nonce);
    }

    /**
     * @notice Records that the calling owner approves the EIP-712 digest `hash` (a `v` = 1 approval).
     * @dev Lets contract wallets and hardware setups approve without producing a signature.
     *
     * Requirements:
     * - the caller is an owner.
     *
     * Emits a {HashApproved} event.
     */
    function approveHash(bytes32 hash) external {
        if (!_owners.contains(msg.sender)) revert NotAnOwner(msg.sender);
        approvedHashes[msg.sender][hash] = true;
        emit HashApproved(hash, msg.sender);
    }

    /**
     * @notice Withdraws the caller's on-chain approval of the EIP-712 digest `hash`, so that no later {execute} or
     * {isValidSignature} counts it.
     * @dev Open to former owners too: a removed owner's approval would count again if it were re-added. A
     * transaction already executed is not undone (its nonce is spent); an execution mined before this call used
     * the approval. Off-chain (ECDSA or ERC-1271) approvals cannot be withdrawn this way: the owners replace them by
     * executing another transaction at the same nonce.
     *
     * Requirements:
     * - the caller approved `hash` with {approveHash}.
     *
     * Emits a {HashApprovalRevoked} event.
     */
    function revokeApprovedHash(bytes32 hash) external {
        if (!approvedHashes[msg.sender][hash]) revert HashNotApproved(msg.sender, hash);
        approvedHashes[msg.sender][hash] = false;
        emit HashApprovalRevoked(hash, msg.sender);
    }

    /**
     * @notice Adds `owner` and sets the threshold to `newThreshold`.
     *
     * Requirements:
     * - called by the vault itself through {execute};
     * - `owner` is not the zero address, the vault, or already an owner;
     * - `newThreshold` is between 1 and the new number of owners.
     *
     * Emits an {OwnerAdded} event, and a {ThresholdChanged} event if the threshold changes.
     */
    function addOwner(address owner, uint256 newThreshold) external onlyVault {
        _addOwner(owner);
        _setThreshold(newThreshold);
    }

    /**
     * @notice Removes `owner` and sets the threshold to `newThreshold`.
     *
     * Requirements:
     * - called by the vault itself through {execute};
     * - `owner` is an owner;
     * - `newThreshold` is between 1 and the new number of owners.
     *
     * Emits an {OwnerRemoved} event, and a {ThresholdChanged} event if the threshold changes.
     */
    function removeOwner(address owner, uint256 newThreshold) external onlyVault {
        if (!_owners.remove(owner)) revert NotAnOwner(owner);
        emit OwnerRemoved(owner);
        _setThreshold(newThreshold);
    }

    /**
     * @notice Replaces `oldOwner` by `newOwner`, keeping the threshold.
     *
     * Requirements:
     * - called by the vault itself through {execute};
     * - `oldOwner` is an owner;
     * - `newOwner` is not the zero address, the vault, or already an owner.
     *
     * Emits an {OwnerRemoved} and an {OwnerAdded} event.
     */
    function swapOwner(address oldOwner, address newOwner) external onlyVault {
        if (!_owners.remove(oldOwner)) revert NotAnOwner(oldOwner);
        emit OwnerRemoved(oldOwner);
        _addOwner(newOwner);
    }

    /**
     * @notice Sets the number of approvals required to `newThreshold`.
     *
     * Requirements:
     * - called by the vault itself through {execute};
     * - `newThreshold` is between 1 and the number of owners.
     *
     * Emits a {ThresholdChanged} event if the threshold changes.
     */
    function changeThreshold(uint256 newThreshold) external onlyVault {
        _setThreshold(newThreshold);
    }

    /**
     * @notice Reverts unless `signatures` holds `threshold` valid approvals of the EIP-712 digest `hash`.
     * @dev Same check as {execute}; a `v` = 1 entry also passes when its owner is the caller of this function.
     * Reverts with the error {execute} would raise.
     */
    function checkSignatures(bytes32 hash, bytes calldata signatures) external view {
        _checkSignatures(hash, signatures, _config.threshold, msg.sender);
    }

    /**
     * @notice ERC-1271: returns the magic value if `threshold` owners approved `hash` as a message of this vault.
     * @dev Owners sign (or {approveHash}) the digest of `VaultMessage(hash)` under the vault's domain
     * ({getMessageHash}), never `hash` itself, so no transaction approval can pass as a message signature or the
     * reverse. The caller never counts as an implicit `v` = 1 approval here.
     * @param hash The hash the verifying contract asks about.
     * @param signatures Owner approvals of `getMessageHash(hash)`, encoded as for {execute}.
     *
     * Requirements:
     * - `signatures` holds `threshold` valid approvals (otherwise reverts with the error {execute} would raise).
     */
    function isValidSignature(bytes32 hash, bytes calldata signatures) external view returns (bytes4) {
        _checkSignatures(_hashVaultMessage(hash), signatures, _config.threshold, address(0));
        return IERC1271.isValidSignature.selector;
    }

    /**
     * @notice The EIP-712 digest owners sign for a transaction at `nonce_`.
     */
    function getTransactionHash(
        address to,
        uint256 value,
        bytes calldata data,
        uint256 nonce_
    ) external view returns (bytes32) {
        return _hashVaultTransaction(to, value, data, nonce_);
    }

    /**
     * @notice The EIP-712 digest owners sign to let the vault sign `hash` (ERC-1271).
     */
    function getMessageHash(bytes32 hash) external view returns (bytes32) {
        return _hashVaultMessage(hash);
    }

    /**
     * @notice The EIP-712 domain separator of this vault on the current chain.
     */
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /**
     * @notice The nonce the next executed transaction must be signed with.
     */
    function nonce() external view returns (uint256) {
        return _config.nonce;
    }

    /**
     * @notice The number of owner approvals a transaction needs.
     */
    function threshold() external view returns (uint256) {
        return _config.threshold;
    }

    /**
     * @notice Whether `account` is an owner.
     */
    function isOwner(address account) external view returns (bool) {
        return _owners.contains(account);
    }

    /**
     * @notice All owners, in no particular order.
     */
    function getOwners() external view returns (address[] memory) {
        return _owners.values();
    }

    function _hashVaultTransaction(
        address to,
        uint256 value,
        bytes calldata data,
        uint256 nonce_
    ) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VAULT_TRANSACTION_TYPEHASH, to, value, keccak256(data), nonce_)));
    }

    function _hashVaultMessage(bytes32 hash) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VAULT_MESSAGE_TYPEHASH, hash)));
    }

    /// @dev `submitter`'s own `v` = 1 entry counts without {approveHash}; pass address(0) to disable that.
    function _checkSignatures(
        bytes32 hash,
        bytes calldata signatures,
        uint256 threshold_,
        address submitter
    ) private view {
        uint256 staticLength = threshold_ * _SIGNATURE_ENTRY_LENGTH;
        if (signatures.length < staticLength) revert SignaturesTooShort(signatures.length, staticLength);

        address previous = address(0);
        for (uint256 i = 0; i < threshold_; ++i) {
            uint8 v;
            bytes32 r;
            bytes32 s;
            // In bounds: the length check above covers all `threshold_` entries.
            assembly ("memory-safe") {
                let entry := add(signatures.offset, mul(i, _SIGNATURE_ENTRY_LENGTH))
                r := calldataload(entry)
                s := calldataload(add(entry, 0x20))
                v := byte(0, calldataload(add(entry, 0x40)))
            }

            address signer;
            if (v == _CONTRACT_SIGNATURE || v == _APPROVED_HASH) {
                signer = address(uint160(uint256(r)));
            } else {
                ECDSA.RecoverError err;
                (signer, err, ) = ECDSA.tryRecover(hash, v, r, s);
                if (err != ECDSA.RecoverError.NoError) revert InvalidECDSASignature(i);
            }
            // Strict ascending order makes duplicates impossible without a "seen" set.
            if (signer <= previous) revert SignersNotAscending(signer, previous);
            if (!_owners.contains(signer)) revert NotAnOwner(signer);

            if (v == _CONTRACT_SIGNATURE) {
                _checkContractSignature(signer, hash, signatures, uint256(s), staticLength);
            } else if (v == _APPROVED_HASH) {
                if (signer != submitter && !approvedHashes[signer][hash]) revert HashNotApproved(signer, hash);
            }
            previous = signer;
        }
    }

    function _checkContractSignature(
        address owner,
        bytes32 hash,
        bytes calldata signatures,
        uint256 offset,
        uint256 staticLength
    ) private view {
        // The dynamic part must not overlap the static entries and must lie inside `signatures`
        // (`signatures.length >= staticLength >= 65`, so the subtractions cannot underflow).
        if (offset < staticLength || offset > signatures.length - 32) {
            revert ContractSignatureOutOfBounds(offset, signatures.length);
        }
        uint256 start = offset + 32;
        uint256 length = uint256(bytes32(signatures[offset:start]));
        if (length > signatures.length - start) revert ContractSignatureOutOfBounds(offset, signatures.length);

        if (!SignatureChecker.isValidERC1271SignatureNowCalldata(owner, hash, signatures[start:start + length])) {
            revert InvalidContractSignature(owner);
        }
    }

    function _addOwner(address owner) private {
        if (owner == address(0) || owner == address(this)) revert InvalidOwner(owner);
        if (!_owners.add(owner)) revert DuplicateOwner(owner);
        emit OwnerAdded(owner);
    }

    function _setThreshold(uint256 newThreshold) private {
        uint256 ownerCount = _owners.length();
        if (newThreshold == 0 || newThreshold > ownerCount) revert InvalidThreshold(newThreshold, ownerCount);
        uint256 oldThreshold = _config.threshold;
        if (oldThreshold != newThreshold) {
            _config.threshold = uint64(newThreshold);
            emit ThresholdChanged(oldThreshold, newThreshold);
        }
    }
}
