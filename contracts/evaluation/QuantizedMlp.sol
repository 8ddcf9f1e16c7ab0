// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title QuantizedMlp
 * @notice Reads and evaluates integer-only multilayer perceptrons in the DQM1 format of
 * docs/evaluation.md, bit-exactly as the JS reference (scripts/lib/evaluation.mjs) and any
 * conforming CPU/GPU evaluator do.
 *
 * Model bytes (all integers big-endian): "DQM1", uint8 L, uint16 dims[L + 1], uint8 shifts[L],
 * then per layer int8 weights[dims[l + 1]][dims[l]] (row-major) and int32 biases[dims[l + 1]].
 *
 * @dev The dot products run four bytes at a time per 32-bit lane: weights are made unsigned
 * (u = w + 128), split into four words of eight 32-bit lanes, and each word is multiplied by a
 * word of eight packed activations laid out in reverse lane order, so that the top lane of the
 * 256-bit product is an 8-term dot product. Every lane stays below 2^32 for rows of up to 4096
 * inputs (4096 * 255 * 255 < 2^32), so no lane ever carries into the next; the offsets
 * introduced to make values unsigned are removed with per-row and per-layer sums.
 */
library QuantizedMlp {
    /// @notice What a model looks like: layer count, input size, class count, multiply-accumulates per sample.
    struct ModelShape {
        uint256 layers;
        uint256 inputSize;
        uint256 classes;
        uint256 macs;
    }

    bytes4 internal constant MAGIC = 0x44514d31; // "DQM1"
    uint256 internal constant MAX_LAYERS = 8;
    uint256 internal constant MAX_DIM = 4096;
    uint256 internal constant MAX_SHIFT = 31;
    uint256 internal constant MAX_ACCUMULATOR = 2 ** 31 - 1;
    /// @dev Bounds on |input| of layer 0 (int8) and of the later layers (hidden outputs 0..127).
    uint256 internal constant INPUT_MAGNITUDE = 128;
    uint256 internal constant HIDDEN_MAGNITUDE = 127;

    /// @notice The model is shorter than `minimum` bytes, the least its header needs.
    error ModelTooShort(uint256 length, uint256 minimum);
    /// @notice The model does not start with "DQM1".
    error ModelBadMagic(bytes4 magic);
    /// @notice The layer count is outside 1..8.
    error ModelBadLayerCount(uint256 layers);
    /// @notice dims[`index`] is outside 1..4096.
    error ModelBadDimension(uint256 index, uint256 dim);
    /// @notice The output layer has fewer than two classes.
    error ModelTooFewClasses(uint256 classes);
    /// @notice The shift of `layer` is above 31.
    error ModelBadShift(uint256 layer, uint256 shift);
    /// @notice The model is not exactly `expected` bytes long.
    error ModelLengthMismatch(uint256 length, uint256 expected);
    /// @notice Neuron `neuron` of `layer` could overflow an int32 accumulator: |bias| + sum|w| * M = `worstCase`.
    error ModelAccumulatorOverflow(uint256 layer, uint256 neuron, uint256 worstCase);
    /// @notice The input has `length` values where the model takes `expected`.
    error InputLengthMismatch(uint256 length, uint256 expected);

    /**
     * @notice Checks a model's header and exact length and returns its shape.
     * @dev Checks run in the normative order of docs/evaluation.md, so the first failing one is
     * the error every conforming implementation reports. O(L); reads no weights.
     *
     * Requirements:
     * - at least 5 bytes, the "DQM1" magic, 1..8 layers and the whole header present;
     * - every dim in 1..4096, at least two classes, every shift at most 31;
     * - exactly the byte length the dims imply.
     */
    function shape(bytes calldata model) internal pure returns (ModelShape memory modelShape) {
        if (model.length < 5) revert ModelTooShort(model.length, 5);
        if (bytes4(model[:4]) != MAGIC) revert ModelBadMagic(bytes4(model[:4]));
        uint256 layers = uint8(model[4]);
        if (layers == 0 || layers > MAX_LAYERS) revert ModelBadLayerCount(layers);
        uint256 expected = _headerLength(layers);
        if (model.length < expected) revert ModelTooShort(model.length, expected);

        uint256 previous;
        uint256 macs;
        for (uint256 i; i <= layers; ++i) {
            uint256 dim = _dim(model, i);
            if (dim == 0 || dim > MAX_DIM) revert ModelBadDimension(i, dim);
            if (i != 0) {
                macs += previous * dim;
                expected += previous * dim + 4 * dim;
            }
            previous = dim;
        }
        if (previous < 2) revert ModelTooFewClasses(previous);
        for (uint256 l; l < layers; ++l) {
            uint256 shift = _shift(model, layers, l);
            if (shift > MAX_SHIFT) revert ModelBadShift(l, shift);
        }
        if (model.length != expected) revert ModelLengthMismatch(model.length, expected);
        modelShape = ModelShape({layers: layers, inputSize: _dim(model, 0), classes: previous, macs: macs});
    }

    /**
     * @notice shape() plus the overflow rule, which makes every accumulator exact in int32.
     * @dev O(weights), about 1 gas per weight plus a few hundred per neuron. Neurons are checked
     * in order (layer by layer, then by index); the first failing one is reported.
     *
     * Requirements:
     * - everything shape() requires;
     * - for every layer l and neuron j: |bias_j| + sum_i |w_ji| * M_l <= 2^31 - 1, where
     *   M_0 = 128 and M_l = 127 for l >= 1.
     */
    function validate(bytes calldata model) internal pure returns (ModelShape memory modelShape) {
        modelShape = shape(model);
        uint256 offset = _headerLength(modelShape.layers);
        for (uint256 l; l < modelShape.layers; ++l) {
            uint256 inputs = _dim(model, l);
            uint256 outputs = _dim(model, l + 1);
            uint256 magnitude = l == 0 ? INPUT_MAGNITUDE : HIDDEN_MAGNITUDE;
            uint256 biases = offset + inputs * outputs;
            for (uint256 j; j < outputs; ++j) {
                uint256 worstCase = _absBias(model, biases + 4 * j) +
                    _absRowSum(model, offset + j * inputs, inputs) * magnitude;
                if (worstCase > MAX_ACCUMULATOR) revert ModelAccumulatorOverflow(l, j, worstCase);
            }
            offset = biases + 4 * outputs;
        }
    }

    /**
     * @notice The model's prediction for one input: the lowest index of a maximal output.
     * @dev Runs shape() for memory safety but not the O(weights) overflow rule: callers must
     * have validated the model (for a model that breaks the rule the result is the exact,
     * unwrapped arithmetic, which int32 evaluators would not reproduce).
     *
     * Requirements:
     * - everything shape() requires;
     * - `input` holds exactly inputSize int8 values.
     */
    function predict(bytes calldata model, bytes calldata input) internal pure returns (uint256 prediction) {
        ModelShape memory modelShape = shape(model);
        if (input.length != modelShape.inputSize) revert InputLengthMismatch(input.length, modelShape.inputSize);
        assembly ("memory-safe") {
            // Activation i is held in 32-bit lane (i % 32) / 4 of word i % 4 of the 128-byte block
            // i / 32: word c of block b packs inputs 32b + c + 4r in lane r, which is the reverse
            // of how _dotWord splits the weight word of the same 32 inputs.
            function slot(buffer, i) -> addr {
                addr := add(buffer, add(shl(7, shr(5, i)), shl(5, and(i, 3))))
            }
            function laneShift(i) -> bits {
                bits := shl(5, and(shr(2, i), 7))
            }
            function clear(buffer, n) {
                for { let end := add(buffer, shl(7, shr(5, add(n, 31)))) } lt(buffer, end) { buffer := add(buffer, 32) } {
                    mstore(buffer, 0)
                }
            }
            // Adds 32 (unsigned weight * activation) products to the lanes of uv and the weights'
            // byte pairs to the 16-bit lanes of us.
            function dotWord(u, x, uv, us) -> uv2, us2 {
                let e := and(u, 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
                let o := and(shr(8, u), 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
                us2 := add(us, add(e, o))
                let m := 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff
                uv2 := add(
                    uv,
                    add(
                        add(mul(and(shr(16, o), m), mload(x)), mul(and(shr(16, e), m), mload(add(x, 32)))),
                        add(mul(and(o, m), mload(add(x, 64))), mul(and(e, m), mload(add(x, 96))))
                    )
                )
            }
            // sum(u_i * v_i) and sum(u_i) over the n weights of a row at calldata p, u = w + 128.
            function dotRow(p, n, x) -> uv, us {
                let h := 0x8080808080808080808080808080808080808080808080808080808080808080
                for { let end := add(p, and(n, not(31))) } lt(p, end) { p := add(p, 32) x := add(x, 128) } {
                    uv, us := dotWord(xor(calldataload(p), h), x, uv, us)
                }
                let rem := and(n, 31)
                if rem {
                    // Bytes past the row belong to the next row: drop them from sum(u); their
                    // products vanish anyway because activations past n are zero.
                    uv, us := dotWord(and(xor(calldataload(p), h), not(shr(shl(3, rem), not(0)))), x, uv, us)
                }
                uv := shr(224, uv)
                let m := 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff
                us := shr(
                    224,
                    mul(
                        add(and(us, m), and(shr(16, us), m)),
                        0x0000000100000001000000010000000100000001000000010000000100000001
                    )
                )
            }

            // The layer being evaluated, in memory to keep the stack shallow:
            // [0x00] inputs, [0x20] activation buffer, [0x40] offset of the activations,
            // [0x60] the neuron-independent part of acc, [0x80] biases pointer, [0xa0] shift.
            function neuron(frame, row, j) -> z {
                let uv, us := dotRow(row, mload(frame), mload(add(frame, 0x20)))
                let bias := signextend(3, shr(224, calldataload(add(mload(add(frame, 0x80)), shl(2, j)))))
                z := sar(
                    mload(add(frame, 0xa0)),
                    add(add(bias, mload(add(frame, 0x60))), sub(uv, mul(mload(add(frame, 0x40)), us)))
                )
            }
            // Writes clamp(z, 0, 127) of every neuron into `next`; returns their sum.
            function hiddenLayer(frame, w, outputs, next) -> sum {
                clear(next, outputs)
                let inputs := mload(frame)
                for { let j := 0 } lt(j, outputs) { j := add(j, 1) } {
                    let y := neuron(frame, add(w, mul(j, inputs)), j)
                    if slt(y, 0) { y := 0 }
                    if sgt(y, 127) { y := 127 }
                    sum := add(sum, y)
                    let a := slot(next, j)
                    mstore(a, or(mload(a), shl(laneShift(j), y)))
                }
            }
            // The lowest index of a maximal z.
            function outputLayer(frame, w, outputs) -> best {
                let inputs := mload(frame)
                let bestZ := neuron(frame, w, 0)
                for { let j := 1 } lt(j, outputs) { j := add(j, 1) } {
                    let z := neuron(frame, add(w, mul(j, inputs)), j)
                    if sgt(z, bestZ) {
                        best := j
                        bestZ := z
                    }
                }
            }

            let layers := byte(0, calldataload(add(model.offset, 4)))
            let dims := add(model.offset, 5)
            let shifts := add(dims, shl(1, add(layers, 1)))
            let w := add(shifts, layers)

            let widest := 0
            for { let l := 0 } lt(l, layers) { l := add(l, 1) } {
                let dim := shr(240, calldataload(add(dims, shl(1, l))))
                if gt(dim, widest) { widest := dim }
            }
            let frame := mload(0x40)
            let x := add(frame, 0xc0)
            let next := add(x, shl(7, shr(5, add(widest, 31))))

            // Layer 0 takes v = input + 128 (0..255); later layers take v = activation (0..127).
            let offset := 128
            let sumV := 0
            clear(x, input.length)
            for { let i := 0 } lt(i, input.length) { i := add(i, 1) } {
                let v := xor(byte(0, calldataload(add(input.offset, i))), 0x80)
                sumV := add(sumV, v)
                let a := slot(x, i)
                mstore(a, or(mload(a), shl(laneShift(i), v)))
            }

            for { let l := 0 } 1 {} {
                let inputs := shr(240, calldataload(add(dims, shl(1, l))))
                let outputs := shr(240, calldataload(add(dims, shl(1, add(l, 1)))))
                let biases := add(w, mul(inputs, outputs))
                mstore(frame, inputs)
                mstore(add(frame, 0x20), x)
                mstore(add(frame, 0x40), offset)
                // acc = bias + sum(w x) with w = u - 128 and x = v - offset:
                // sum(w x) = sum(u v) - offset * sum(u) - 128 * sum(v) + 128 * offset * inputs.
                mstore(add(frame, 0x60), sub(mul(shl(7, offset), inputs), shl(7, sumV)))
                mstore(add(frame, 0x80), biases)
                mstore(add(frame, 0xa0), byte(0, calldataload(add(shifts, l))))
                l := add(l, 1)
                if eq(l, layers) {
                    prediction := outputLayer(frame, w, outputs)
                    break
                }
                sumV := hiddenLayer(frame, w, outputs, next)
                w := add(biases, shl(2, outputs))
                let previous := x
                x := next
                next := previous
                offset := 0
            }
        }
    }

    /// @dev 5 bytes of magic and layer count, L + 1 dims of 2 bytes, L shifts of 1 byte.
    function _headerLength(uint256 layers) private pure returns (uint256) {
        return 7 + 3 * layers;
    }

    /// @dev dims[index]; the caller has checked that the header is present.
    function _dim(bytes calldata model, uint256 index) private pure returns (uint256 dim) {
        assembly ("memory-safe") {
            dim := shr(240, calldataload(add(model.offset, add(5, shl(1, index)))))
        }
    }

    /// @dev shifts[layer]; the caller has checked that the header is present.
    function _shift(bytes calldata model, uint256 layers, uint256 layer) private pure returns (uint256 shift) {
        assembly ("memory-safe") {
            shift := byte(0, calldataload(add(model.offset, add(add(7, shl(1, layers)), layer))))
        }
    }

    /// @dev |int32 at offset|; the caller has checked the length.
    function _absBias(bytes calldata model, uint256 offset) private pure returns (uint256 magnitude) {
        assembly ("memory-safe") {
            let bias := signextend(3, shr(224, calldataload(add(model.offset, offset))))
            magnitude := bias
            if slt(bias, 0) { magnitude := sub(0, bias) }
        }
    }

    /// @dev sum |w| over the `length` int8 weights at offset, 32 per word; the caller has checked the length.
    function _absRowSum(bytes calldata model, uint256 offset, uint256 length) private pure returns (uint256 sum) {
        assembly ("memory-safe") {
            // Per byte, |w| = (w xor m) + s with s the sign bit and m = s * 0xff. |w| <= 128 fits
            // a byte, so no byte carries; byte pairs summed into 16-bit lanes stay below 2^16 for
            // 4096 / 32 words.
            function absPairs(word) -> pairs {
                let s := and(shr(7, word), 0x0101010101010101010101010101010101010101010101010101010101010101)
                let a := add(xor(word, mul(s, 0xff)), s)
                let m := 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff
                pairs := add(and(a, m), and(shr(8, a), m))
            }
            let p := add(model.offset, offset)
            let lanes := 0
            for { let end := add(p, and(length, not(31))) } lt(p, end) { p := add(p, 32) } {
                lanes := add(lanes, absPairs(calldataload(p)))
            }
            let rem := and(length, 31)
            if rem { lanes := add(lanes, absPairs(and(calldataload(p), not(shr(shl(3, rem), not(0)))))) }
            let m := 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff
            sum := shr(
                224,
                mul(
                    add(and(lanes, m), and(shr(16, lanes), m)),
                    0x0000000100000001000000010000000100000001000000010000000100000001
                )
            )
        }
    }
}
