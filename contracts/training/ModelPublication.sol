// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {QuantizedMlp} from "../evaluation/QuantizedMlp.sol";
import {ModelCommitment} from "./ModelCommitment.sol";
import {TestSetMerkle} from "./TestSetMerkle.sol";

/**
 * @title ModelPublication
 * @notice Puts a large model's bytes on chain in bounded chunks under its row commitment
 * ({ModelCommitment}, docs/training-tasks.md §8.1), keeping one counter per model: the number of rows
 * published so far. The rows live in the publishing transactions' calldata, so an auditor rebuilds any
 * published model from the chain alone. Publication is content-addressed by `modelRoot` and open to anyone.
 */
abstract contract ModelPublication {
    /// @notice Most bytes of rows per chunk: one transaction far below the 128 KiB size limit of OP-stack nodes.
    uint256 public constant MAX_MODEL_CHUNK_BYTES = 100_000;

    /// @notice Rows of `modelRoot` published so far, in order (all of them: the model is available).
    mapping(bytes32 modelRoot => uint256) public publishedRows;

    /// @notice Rows `firstRow` .. `firstRow + rows - 1` of `modelRoot` were published in this transaction's calldata.
    event ModelChunkPublished(bytes32 indexed modelRoot, uint256 firstRow, uint256 rows);
    /// @notice The last row of `modelRoot` was published; `header` is its DQM1 header.
    event ModelPublished(bytes32 indexed modelRoot, bytes header);

    /// @notice Every row of `modelRoot` is already published.
    error ModelAlreadyPublished(bytes32 modelRoot);
    /// @notice The chunk starts at row `given` where the next unpublished row is `expected`.
    error UnexpectedRows(bytes32 modelRoot, uint256 expected, uint256 given);
    /// @notice The chunk holds `length` bytes of rows, above `max`.
    error ModelChunkTooLarge(uint256 length, uint256 max);
    /// @notice The chunk at `firstRow` is not an aligned subtree, or its proof does not lead to the rows root.
    error InvalidRowsProof(bytes32 modelRoot, uint256 firstRow);
    /// @notice The proof's node at `level`, index `index`, covers only padding leaves (past the last row) but is
    /// `node`, not the root of zero leaves: the standard tools would compute another rows root.
    error NonZeroPadding(bytes32 modelRoot, uint256 level, uint256 index, bytes32 node);
    /// @notice Nobody has proven authorship of `modelRoot` yet: its first chunk would make it public unclaimed.
    error ModelAuthorUnknown(bytes32 modelRoot);
    /// @notice `published` of the model's `rows` rows are on chain.
    error ModelNotPublished(bytes32 modelRoot, uint256 published, uint256 rows);

    /**
     * @notice Publishes the rows `firstRow` .. `firstRow + 2^height - 1` (fewer at the end of the model) of
     * the model `ModelCommitment.root(header, rowsRoot)`: `rows` concatenates them (each neuron's int8
     * weights then its int32 bias), `proof` holds the siblings from their subtree's root up to `rowsRoot`.
     * @dev Requirements: the model has a recorded author ({_modelAuthor}, checked with the first chunk: the
     * bytes and root become public only once a stranger can no longer pose as the author); the header passes
     * {QuantizedMlp-headerShape} (checked with the first chunk);
     * `firstRow` is the number of rows published so far and a multiple of 2^height; rows not all published;
     * `height` at most the tree's depth and `proof` exactly depth - height long, leading to `rowsRoot`;
     * `rows` holds exactly those rows, at most MAX_MODEL_CHUNK_BYTES; every row passes the overflow rule; every
     * proof node that covers only leaves past the last row is the root of zero leaves (the padding is zero, as
     * the standard tools build the tree: otherwise nobody could prove a row against that root with them).
     * Emits {ModelChunkPublished} and, with the last row, {ModelPublished}.
     */
    function publishModelChunk(
        bytes calldata header,
        bytes32 rowsRoot,
        uint256 firstRow,
        uint256 height,
        bytes calldata rows,
        bytes32[] calldata proof
    ) external {
        bytes32 modelRoot = ModelCommitment.root(header, rowsRoot);
        uint256 total = _checkChunkPlace(modelRoot, header, firstRow, height, rows.length, proof.length);
        (bytes32 subtreeRoot, uint256 count) = ModelCommitment.chunkRoot(header, rows, firstRow, height);
        if (TestSetMerkle.processProof(subtreeRoot, firstRow >> height, proof) != rowsRoot) {
            revert InvalidRowsProof(modelRoot, firstRow);
        }
        _checkPadding(modelRoot, firstRow, height, total, proof);

        publishedRows[modelRoot] = firstRow + count;
        emit ModelChunkPublished(modelRoot, firstRow, count);
        if (firstRow + count == total) emit ModelPublished(modelRoot, header);
    }

    /// @dev Checks where a chunk of `length` bytes sits (see {publishModelChunk}); returns the model's row count.
    function _checkChunkPlace(
        bytes32 modelRoot,
        bytes calldata header,
        uint256 firstRow,
        uint256 height,
        uint256 length,
        uint256 proofLength
    ) private view returns (uint256 total) {
        uint256 published = publishedRows[modelRoot];
        if (published == 0) {
            QuantizedMlp.headerShape(header);
            if (_modelAuthor(modelRoot) == address(0)) revert ModelAuthorUnknown(modelRoot);
        }
        total = ModelCommitment.rowCount(header);
        if (published == total) revert ModelAlreadyPublished(modelRoot);
        if (firstRow != published) revert UnexpectedRows(modelRoot, published, firstRow);
        if (length > MAX_MODEL_CHUNK_BYTES) revert ModelChunkTooLarge(length, MAX_MODEL_CHUNK_BYTES);
        uint256 depth = TestSetMerkle.depth(total);
        if (height > depth || firstRow % (1 << height) != 0 || proofLength != depth - height) {
            revert InvalidRowsProof(modelRoot, firstRow);
        }
    }

    /// @dev The proven author of `modelRoot`, zero when none.
    function _modelAuthor(bytes32 modelRoot) internal view virtual returns (address);

    /// @dev Reverts with {NonZeroPadding} unless every all-padding node of `proof` is a root of zero leaves.
    function _checkPadding(bytes32 modelRoot, uint256 firstRow, uint256 height, uint256 total, bytes32[] calldata proof)
        private
        pure
    {
        (bool zeroPadding, uint256 level, uint256 index) = ModelCommitment.paddingIsZero(firstRow, height, total, proof);
        if (!zeroPadding) revert NonZeroPadding(modelRoot, level, index, proof[level - height]);
    }

    /// @dev The root of a model whose rows are all published; reverts with {ModelNotPublished} otherwise.
    function _publishedModel(bytes calldata header, bytes32 rowsRoot) internal view returns (bytes32 modelRoot) {
        modelRoot = ModelCommitment.root(header, rowsRoot);
        uint256 published = publishedRows[modelRoot];
        uint256 total = ModelCommitment.rowCount(header);
        if (published != total) revert ModelNotPublished(modelRoot, published, total);
    }
}
