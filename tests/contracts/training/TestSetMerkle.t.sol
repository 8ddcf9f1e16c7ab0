// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {TestSetMerkle} from "../../../contracts/training/TestSetMerkle.sol";

/// @notice Properties of the test-set tree: chunks tile the test set, and every sample's proof climbs to the
/// root that the chunk path computes for the whole set.
contract TestSetMerkleTest {
    uint256 private constant RECORD_SIZE = 3;

    error BadDepth(uint256 size, uint256 depth);
    error BadChunks(uint256 size, uint256 chunkSize, uint256 chunks, uint256 perChunk);
    error RootMismatch(uint256 index, bytes32 expected, bytes32 actual);

    function testFuzz_ChunksTileTheTestSet(uint256 sizeSeed, uint8 logChunk) external pure {
        uint256 size = 1 + (sizeSeed % 10_000);
        uint256 chunkSize = 1 << (logChunk % 14);
        uint256 depth = TestSetMerkle.depth(size);
        if ((1 << depth) < size || (depth > 0 && (1 << (depth - 1)) >= size)) revert BadDepth(size, depth);

        uint256 chunks = TestSetMerkle.chunkCount(size, chunkSize);
        uint256 perChunk = 1 << TestSetMerkle.chunkHeight(size, chunkSize);
        bool tiles = chunks * perChunk >= size && (chunks - 1) * perChunk < size;
        bool sized = perChunk == chunkSize || (perChunk < chunkSize && perChunk >= size);
        if (!tiles || !sized) revert BadChunks(size, chunkSize, chunks, perChunk);
    }

    function testFuzz_SampleProofsReachTheChunkRoot(uint256 seed, uint8 sizeSeed) external view {
        uint256 size = 1 + (sizeSeed % 16);
        uint256 depth = TestSetMerkle.depth(size);
        bytes memory records = new bytes(size * RECORD_SIZE);
        for (uint256 k = 0; k < records.length; ++k) {
            records[k] = bytes1(uint8(uint256(keccak256(abi.encode(seed, k)))));
        }
        // The whole test set as one chunk, as revealTestSetChunk computes it.
        (bytes32 root,) = this.subtreeOf(records, 0, depth);

        bytes32[][] memory levels = _levels(records, size, depth);
        for (uint256 i = 0; i < size; ++i) {
            bytes32[] memory proof = new bytes32[](depth);
            for (uint256 l = 0; l < depth; ++l) {
                proof[l] = levels[l][(i >> l) ^ 1];
            }
            bytes memory record = new bytes(RECORD_SIZE);
            for (uint256 k = 0; k < RECORD_SIZE; ++k) {
                record[k] = records[i * RECORD_SIZE + k];
            }
            bytes32 reached = this.climb(i, record, proof);
            if (reached != root) revert RootMismatch(i, root, reached);
        }
    }

    /// @dev Calldata entry points to the library (its functions read calldata).
    function subtreeOf(bytes calldata records, uint256 first, uint256 height)
        external
        pure
        returns (bytes32, bytes memory)
    {
        return TestSetMerkle.subtree(records, RECORD_SIZE, first, height);
    }

    function climb(uint256 index, bytes calldata record, bytes32[] calldata proof) external pure returns (bytes32) {
        return TestSetMerkle.processProof(TestSetMerkle.leaf(index, record), index, proof);
    }

    /// @dev The tree level by level, built independently of the library's subtree code.
    function _levels(bytes memory records, uint256 size, uint256 depth)
        private
        pure
        returns (bytes32[][] memory levels)
    {
        levels = new bytes32[][](depth + 1);
        levels[0] = new bytes32[](1 << depth);
        for (uint256 i = 0; i < size; ++i) {
            bytes memory record = new bytes(RECORD_SIZE);
            for (uint256 k = 0; k < RECORD_SIZE; ++k) {
                record[k] = records[i * RECORD_SIZE + k];
            }
            levels[0][i] = keccak256(abi.encodePacked(uint32(i), record));
        }
        for (uint256 l = 1; l <= depth; ++l) {
            levels[l] = new bytes32[](1 << (depth - l));
            for (uint256 j = 0; j < levels[l].length; ++j) {
                levels[l][j] = Hashes.efficientKeccak256(levels[l - 1][2 * j], levels[l - 1][2 * j + 1]);
            }
        }
    }
}
