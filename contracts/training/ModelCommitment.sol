// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {QuantizedMlp} from "../evaluation/QuantizedMlp.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {TestSetMerkle} from "./TestSetMerkle.sol";

/**
 * @title ModelCommitment
 * @notice The row commitment of a large DQM1 model and the traces checked against it (docs/evaluation.md §11).
 *
 * Row `r` is neuron `j` of layer `l` (`r = dims[1] + ... + dims[l] + j`): its `dims[l]` int8 weights then its
 * int32 bias, big-endian. `leaf(r) = keccak256(uint32 r || row)` ({TestSetMerkle-leaf}) in a positional tree of
 * depth `ceil(log2 R)` padded with zero leaves gives `rowsRoot`; `modelRoot = keccak256(keccak256(header) ||
 * rowsRoot)`. A trace is every layer's outputs for one sample: hidden layers one byte per neuron (0..127),
 * the output layer four bytes per neuron (int32 big-endian).
 *
 * @dev Every function takes a header that {QuantizedMlp-headerShape} accepted (directly, or through a root
 * that a checked header produced).
 */
library ModelCommitment {
    /// @notice A chunk's rows are `given` bytes where its rows take `expected`.
    error RowsLengthMismatch(uint256 expected, uint256 given);

    /// @dev The model root that stands for the model's hash in a large-model task's commitment.
    function root(bytes calldata header, bytes32 rowsRoot) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(keccak256(header), rowsRoot));
    }

    /// @dev Number of layers.
    function layers(bytes calldata header) internal pure returns (uint256) {
        return uint8(header[4]);
    }

    /// @dev dims[index]: the input size for 0, the outputs of layer index - 1 after.
    function dim(bytes calldata header, uint256 index) internal pure returns (uint256) {
        return QuantizedMlp._dim(header, index);
    }

    /// @dev Index of the first row of `layer` (= dims[1] + ... + dims[layer]); of `layers` gives the row count.
    function firstRow(bytes calldata header, uint256 layer) internal pure returns (uint256 rows) {
        for (uint256 l = 1; l <= layer; ++l) {
            rows += dim(header, l);
        }
    }

    /// @dev Number of rows, R: one per neuron.
    function rowCount(bytes calldata header) internal pure returns (uint256) {
        return QuantizedMlp.neurons(header);
    }

    /// @dev Bytes of a trace: one per hidden neuron, four per output neuron.
    function traceLength(bytes calldata header) internal pure returns (uint256) {
        uint256 lastLayer = layers(header) - 1;
        return firstRow(header, lastLayer) + 4 * dim(header, lastLayer + 1);
    }

    /// @dev Output `neuron` of `layer` in `trace` (of the header's length): 0..255 for a hidden layer, an
    /// int32 for the output layer.
    function traceValue(bytes calldata header, bytes calldata trace, uint256 layer, uint256 neuron)
        internal
        pure
        returns (int256)
    {
        uint256 offset = firstRow(header, layer);
        if (layer + 1 < layers(header)) return int256(uint256(uint8(trace[offset + neuron])));
        offset += 4 * neuron;
        return int32(uint32(bytes4(trace[offset:offset + 4])));
    }

    /// @dev The input vector of hidden or output `layer` >= 1 in `trace`: layer - 1's outputs.
    function layerInput(bytes calldata header, bytes calldata trace, uint256 layer)
        internal
        pure
        returns (bytes calldata)
    {
        uint256 offset = firstRow(header, layer - 1);
        return trace[offset:offset + dim(header, layer)];
    }

    /// @dev The prediction a trace makes: the lowest index of a maximal output-layer value.
    function prediction(bytes calldata header, bytes calldata trace) internal pure returns (uint256 best) {
        uint256 lastLayer = layers(header) - 1;
        uint256 classes = dim(header, lastLayer + 1);
        int256 bestValue = traceValue(header, trace, lastLayer, 0);
        for (uint256 j = 1; j < classes; ++j) {
            int256 value = traceValue(header, trace, lastLayer, j);
            if (value > bestValue) (best, bestValue) = (j, value);
        }
    }

    /**
     * @dev One neuron's output (docs/evaluation.md §4): `acc = bias + sum_i w_i x_i` exactly, shifted right
     * arithmetically by `shift`, clamped to 0..127 for a hidden layer. `row` is the neuron's weights then its
     * int32 bias; `inputs` holds as many int8 values as the row has weights.
     */
    function neuronOutput(bytes calldata row, bytes calldata inputs, uint256 shift, bool hidden)
        internal
        pure
        returns (int256 z)
    {
        uint256 n = inputs.length;
        int256 acc = int32(uint32(bytes4(row[n:n + 4])));
        assembly ("memory-safe") {
            let w := row.offset
            let x := inputs.offset
            for { let end := add(w, n) } lt(w, end) {
                w := add(w, 1)
                x := add(x, 1)
            } {
                acc := add(acc, mul(signextend(0, byte(0, calldataload(w))), signextend(0, byte(0, calldataload(x)))))
            }
            z := sar(shift, acc)
        }
        if (hidden) z = z < 0 ? int256(0) : (z > 127 ? int256(127) : z);
    }

    /**
     * @dev Root of the aligned subtree of `2^height` leaves over the rows `first`, `first + 1`, ... held in
     * `rows` (concatenated; the last chunk of a model may hold fewer than 2^height rows), checking each
     * row against the overflow rule. Returns the root and the number of rows.
     * Requirements: `first` < R; `rows` holds exactly the rows it must; every row passes the overflow rule.
     */
    function chunkRoot(bytes calldata header, bytes calldata rows, uint256 first, uint256 height)
        internal
        pure
        returns (bytes32 subtreeRoot, uint256 count)
    {
        uint256 total = rowCount(header);
        count = total - first < (1 << height) ? total - first : (1 << height);
        uint256 expected = _rowBytes(header, first, first + count);
        if (rows.length != expected) revert RowsLengthMismatch(expected, rows.length);

        bytes32[] memory nodes = new bytes32[](1 << height);
        _leaves(header, rows, first, nodes, count);
        subtreeRoot = TestSetMerkle.reduce(nodes);
    }

    /**
     * @dev Whether every node of `proof` (the siblings above the aligned subtree of height `height` at row `first`)
     * that covers only leaves at or past `total` is the root of zero leaves, as the padding of the rows tree must
     * be. The chunk's own subtree is hashed with zero padding by {chunkRoot}, so these siblings are the only
     * place other padding could hide. Returns false with the level and index of the first offending node.
     */
    function paddingIsZero(uint256 first, uint256 height, uint256 total, bytes32[] calldata proof)
        internal
        pure
        returns (bool ok, uint256 level, uint256 index)
    {
        bytes32 zero;
        for (uint256 h = 0; h < height; ++h) zero = Hashes.efficientKeccak256(zero, zero);
        uint256 node = first >> height;
        for (uint256 i = 0; i < proof.length; ++i) {
            uint256 sibling = node ^ 1;
            if (sibling << (height + i) >= total && proof[i] != zero) return (false, height + i, sibling);
            zero = Hashes.efficientKeccak256(zero, zero);
            node >>= 1;
        }
        return (true, 0, 0);
    }

    /// @notice Most bytes of rows in an availability chunk (docs/training-tasks.md §8.5): with its proof and header,
    /// one resolution stays under the 128 KiB transaction size limit.
    uint256 internal constant MAX_AVAILABILITY_CHUNK_BYTES = 65_536;
    /// @notice Most rows in an availability chunk: with the bytes bound, a resolution stays under 5 M gas.
    uint256 internal constant MAX_AVAILABILITY_CHUNK_ROWS = 512;

    /**
     * @dev Height of the model's availability chunks: the largest, at most the tree's depth, whose 2^height rows of
     * the widest width fit MAX_AVAILABILITY_CHUNK_BYTES and MAX_AVAILABILITY_CHUNK_ROWS. Chunk i holds rows
     * i * 2^height up to the model's end.
     */
    function availabilityHeight(bytes calldata header) internal pure returns (uint256 height) {
        uint256 widest = 0;
        uint256 count = layers(header);
        for (uint256 l = 0; l < count; ++l) {
            uint256 width = dim(header, l) + 4;
            if (width > widest) widest = width;
        }
        uint256 depth = TestSetMerkle.depth(rowCount(header));
        while (
            height < depth && (widest << (height + 1)) <= MAX_AVAILABILITY_CHUNK_BYTES
                && (1 << (height + 1)) <= MAX_AVAILABILITY_CHUNK_ROWS
        ) ++height;
    }

    /// @dev Number of availability chunks of the model.
    function availabilityChunkCount(bytes calldata header) internal pure returns (uint256) {
        uint256 size = 1 << availabilityHeight(header);
        return (rowCount(header) + size - 1) / size;
    }

    /// @dev Layer and neuron of row `r` (< R).
    function rowPosition(bytes calldata header, uint256 r) internal pure returns (uint256 layer, uint256 neuron) {
        neuron = r;
        for (uint256 outputs = dim(header, 1); neuron >= outputs; outputs = dim(header, layer + 1)) {
            neuron -= outputs;
            ++layer;
        }
    }

    /// @dev Where {_leaves} stands: the current row's layer, the first row of the next layer, the byte offset.
    struct Cursor {
        uint256 layer;
        uint256 layerEnd;
        uint256 offset;
    }

    /// @dev Writes the leaves of the `count` rows from row `first` held in `rows` into `nodes`, checking each
    /// row against the overflow rule. The caller has checked the length of `rows`.
    function _leaves(bytes calldata header, bytes calldata rows, uint256 first, bytes32[] memory nodes, uint256 count)
        private
        pure
    {
        (uint256 layer, uint256 neuron) = rowPosition(header, first);
        Cursor memory cursor = Cursor({layer: layer, layerEnd: first - neuron + dim(header, layer + 1), offset: 0});
        for (uint256 k = 0; k < count; ++k) {
            if (first + k == cursor.layerEnd) {
                ++cursor.layer;
                cursor.layerEnd += dim(header, cursor.layer + 1);
            }
            nodes[k] = _checkedLeaf(header, rows, cursor, first + k);
        }
    }

    /// @dev Leaf of row `r`, read at the cursor (which moves past it), after checking the overflow rule.
    function _checkedLeaf(bytes calldata header, bytes calldata rows, Cursor memory cursor, uint256 r)
        private
        pure
        returns (bytes32)
    {
        uint256 n = dim(header, cursor.layer);
        bytes calldata row = rows[cursor.offset:cursor.offset + n + 4];
        cursor.offset += n + 4;
        uint256 worst = QuantizedMlp.worstCase(row[:n], int32(uint32(bytes4(row[n:]))), cursor.layer == 0 ? 128 : 127);
        if (worst > QuantizedMlp.MAX_ACCUMULATOR) {
            revert QuantizedMlp.ModelAccumulatorOverflow(cursor.layer, r + dim(header, cursor.layer + 1) - cursor.layerEnd, worst);
        }
        return TestSetMerkle.leaf(r, row);
    }

    /// @dev Bytes of rows `from` (inclusive) to `to` (exclusive): dims[l] + 4 for each row of layer l.
    function _rowBytes(bytes calldata header, uint256 from, uint256 to) private pure returns (uint256 total) {
        uint256 layerStart = 0;
        uint256 count = layers(header);
        for (uint256 l = 0; l < count; ++l) {
            uint256 layerEnd = layerStart + dim(header, l + 1);
            uint256 lo = from > layerStart ? from : layerStart;
            uint256 hi = to < layerEnd ? to : layerEnd;
            if (hi > lo) total += (hi - lo) * (dim(header, l) + 4);
            layerStart = layerEnd;
        }
    }
}
