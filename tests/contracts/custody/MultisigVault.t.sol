// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MultisigVault} from "../../../contracts/custody/MultisigVault.sol";

/// @dev The subset of the Hardhat/Foundry cheatcodes this test uses.
interface Vm {
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/**
 * @title MultisigVaultSignatureFuzzTest
 * @notice Fuzzes the vault's ECDSA approval check against a reference model: a packed signature list passes iff it
 * has at least `threshold` entries and its first `threshold` signers are owners in strictly ascending order; when it
 * fails, the error is the one for the first offending entry.
 */
contract MultisigVaultSignatureFuzzTest {
    /// @dev address(uint160(uint256(keccak256("hevm cheat code"))))
    Vm private constant VM = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
    uint256 private constant OWNER_COUNT = 5;
    uint256 private constant KEY_COUNT = 8; // 5 owners and 3 outsiders
    uint256 private constant THRESHOLD = 3;

    MultisigVault private vault;
    uint256[KEY_COUNT] private keys;
    mapping(address account => bool) private isOwnerModel;

    error ModelMismatch(bytes expected, bytes actual);

    function setUp() public {
        address[] memory owners = new address[](OWNER_COUNT);
        for (uint256 i = 0; i < KEY_COUNT; ++i) {
            keys[i] = uint256(keccak256(abi.encode("vault fuzz key", i)));
            if (i < OWNER_COUNT) {
                owners[i] = VM.addr(keys[i]);
                isOwnerModel[owners[i]] = true;
            }
        }
        vault = new MultisigVault(owners, THRESHOLD);
    }

    /// Random signers (owners or not, any order, repeats allowed, 0 to 5 entries) match the model.
    function testFuzz_matchesModelForRandomSignerLists(uint256 seed, bytes32 digest) public view {
        uint256 count = seed % 6;
        uint256[] memory chosen = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            chosen[i] = keys[uint256(keccak256(abi.encode(seed, i))) % KEY_COUNT];
        }
        _assertMatchesModel(digest, chosen);
    }

    /// Every subset of at least `threshold` owners, sorted ascending, is accepted.
    function testFuzz_acceptsAscendingOwnerSubsets(uint256 mask, bytes32 digest) public view {
        uint256[] memory chosen = _sortedByAddress(_ownerSubset(mask, THRESHOLD));
        vault.checkSignatures(digest, _pack(digest, chosen));
    }

    /// Swapping two of the first `threshold` entries of an accepted list makes it fail on ordering.
    function testFuzz_rejectsSwappedOwners(uint256 mask, uint256 swapSeed, bytes32 digest) public view {
        uint256[] memory chosen = _sortedByAddress(_ownerSubset(mask, THRESHOLD));
        uint256 i = swapSeed % THRESHOLD;
        uint256 j = (i + 1 + (swapSeed / THRESHOLD) % (THRESHOLD - 1)) % THRESHOLD;
        (chosen[i], chosen[j]) = (chosen[j], chosen[i]);
        _assertMatchesModel(digest, chosen);
        try vault.checkSignatures(digest, _pack(digest, chosen)) {
            revert ModelMismatch("", "accepted");
        } catch (bytes memory reason) {
            if (bytes4(reason) != MultisigVault.SignersNotAscending.selector) revert ModelMismatch("", reason);
        }
    }

    function _assertMatchesModel(bytes32 digest, uint256[] memory chosen) private view {
        bytes memory expected = _modelError(chosen);
        try vault.checkSignatures(digest, _pack(digest, chosen)) {
            if (expected.length != 0) revert ModelMismatch(expected, "");
        } catch (bytes memory actual) {
            if (keccak256(actual) != keccak256(expected) || expected.length == 0) revert ModelMismatch(expected, actual);
        }
    }

    /// The revert data the vault must produce for `chosen` signers, or empty if it must accept.
    function _modelError(uint256[] memory chosen) private view returns (bytes memory) {
        if (chosen.length < THRESHOLD) {
            return abi.encodeWithSelector(MultisigVault.SignaturesTooShort.selector, chosen.length * 65, THRESHOLD * 65);
        }
        address previous = address(0);
        for (uint256 i = 0; i < THRESHOLD; ++i) {
            address signer = VM.addr(chosen[i]);
            if (signer <= previous) {
                return abi.encodeWithSelector(MultisigVault.SignersNotAscending.selector, signer, previous);
            }
            if (!isOwnerModel[signer]) return abi.encodeWithSelector(MultisigVault.NotAnOwner.selector, signer);
            previous = signer;
        }
        return "";
    }

    /// The owners whose bit is set in `mask`, topped up with the lowest-index unset owners to `minimum`.
    function _ownerSubset(uint256 mask, uint256 minimum) private view returns (uint256[] memory subset) {
        uint256 selected = mask % (1 << OWNER_COUNT);
        uint256 count = 0;
        for (uint256 i = 0; i < OWNER_COUNT; ++i) {
            if (selected & (1 << i) != 0) ++count;
        }
        for (uint256 i = 0; count < minimum; ++i) {
            if (selected & (1 << i) == 0) {
                selected |= 1 << i;
                ++count;
            }
        }
        subset = new uint256[](count);
        uint256 next = 0;
        for (uint256 i = 0; i < OWNER_COUNT; ++i) {
            if (selected & (1 << i) != 0) subset[next++] = keys[i];
        }
    }

    function _sortedByAddress(uint256[] memory chosen) private pure returns (uint256[] memory) {
        for (uint256 i = 1; i < chosen.length; ++i) {
            for (uint256 j = i; j > 0 && VM.addr(chosen[j]) < VM.addr(chosen[j - 1]); --j) {
                (chosen[j], chosen[j - 1]) = (chosen[j - 1], chosen[j]);
            }
        }
        return chosen;
    }

    function _pack(bytes32 digest, uint256[] memory chosen) private pure returns (bytes memory signatures) {
        for (uint256 i = 0; i < chosen.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = VM.sign(chosen[i], digest);
            signatures = bytes.concat(signatures, r, s, bytes1(v));
        }
    }
}
