// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title TestSetMerkle
 * @notice The commitment to a hidden test set and the digest of its labels.
 *
 * Tree: sample `i` (record = uint8 label || int8 input[inputSize], as in a DQD1 dataset) has the leaf
 * `keccak256(uint32 i (big-endian) || record)`. The leaves sit at their index in a positional binary tree
 * of depth `ceil(log2(size))`, padded on the right with `bytes32(0)` leaves; a parent is
 * `keccak256(left || right)`. Proofs always have the full depth and the path bits come from the index,
 * so a leaf can neither move nor pose as an inner node.
 *
 * Chunks: the test set is revealed in aligned subtrees of `2^chunkHeight` samples. The labels digest is
 * a running hash over the chunks in order: `digest = keccak256(digest || labels of the chunk)`, starting
 * from `bytes32(0)`.
 */
library TestSetMerkle {
    /// @dev Depth of the tree over `size` leaves (0 for a single leaf).
    function depth(uint256 size) internal pure returns (uint256) {
        return Math.log2(size, Math.Rounding.Ceil);
    }

    /// @dev Height of a chunk's subtree: the chunk size (a power of two) capped by the tree's depth.
    function chunkHeight(uint256 size, uint256 chunkSize) internal pure returns (uint256) {
        return Math.min(Math.log2(chunkSize), depth(size));
    }

    /// @dev Number of chunks the test set is revealed in.
    function chunkCount(uint256 size, uint256 chunkSize) internal pure returns (uint256) {
        return Math.ceilDiv(size, 1 << chunkHeight(size, chunkSize));
    }

    /// @dev Leaf of sample `index` whose record is `record` (label byte then input bytes).
    function leaf(uint256 index, bytes calldata record) internal pure returns (bytes32 result) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, shl(224, index))
            calldatacopy(add(ptr, 4), record.offset, record.length)
            result := keccak256(ptr, add(record.length, 4))
        }
    }

    /// @dev Root reached from `node` at position `index` of its level, climbing one level per proof element.
    function processProof(bytes32 node, uint256 index, bytes32[] calldata proof) internal pure returns (bytes32) {
        for (uint256 i = 0; i < proof.length; ++i) {
            node = index & 1 == 0
                ? Hashes.efficientKeccak256(node, proof[i])
                : Hashes.efficientKeccak256(proof[i], node);
            index >>= 1;
        }
        return node;
    }

    /**
     * @dev Root of the subtree over `records` (concatenated, `recordSize` bytes each) whose first sample has
     * index `firstIndex`, padded with zero leaves to `2^height` leaves. Also returns the records' labels.
     */
    function subtree(bytes calldata records, uint256 recordSize, uint256 firstIndex, uint256 height)
        internal
        pure
        returns (bytes32 root, bytes memory labels)
    {
        uint256 count = records.length / recordSize;
        uint256 width = 1 << height;
        bytes32[] memory nodes = new bytes32[](width);
        labels = new bytes(count);
        for (uint256 i = 0; i < count; ++i) {
            bytes calldata record = records[i * recordSize:(i + 1) * recordSize];
            nodes[i] = leaf(firstIndex + i, record);
            labels[i] = record[0];
        }
        root = reduce(nodes);
    }

    /// @dev Root of the positional tree whose leaves are `nodes` (a power of two of them); overwrites `nodes`.
    function reduce(bytes32[] memory nodes) internal pure returns (bytes32) {
        for (uint256 width = nodes.length; width > 1; width >>= 1) {
            for (uint256 i = 0; i < width / 2; ++i) {
                nodes[i] = Hashes.efficientKeccak256(nodes[2 * i], nodes[2 * i + 1]);
            }
        }
        return nodes[0];
    }

    /// @dev Labels digest of the whole test set from its labels, chained per chunk of `chunkSamples`.
    function labelsDigest(bytes calldata labels, uint256 chunkSamples) internal pure returns (bytes32 digest) {
        for (uint256 start = 0; start < labels.length; start += chunkSamples) {
            bytes calldata chunk = labels[start:Math.min(start + chunkSamples, labels.length)];
            digest = chainLabels(digest, chunk);
        }
    }

    /// @dev One step of the labels digest: `keccak256(digest || labels)`.
    function chainLabels(bytes32 digest, bytes memory labels) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(digest, labels));
    }
}
