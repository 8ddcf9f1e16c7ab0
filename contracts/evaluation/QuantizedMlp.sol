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
 * @dev Each MUL does eight multiply-accumulates: one calldataload reads 32 weights, which are
 * made unsigned (u = w + 128, one XOR) and split into four words of eight 32-bit lanes; each is
 * multiplied by a word of eight packed activations in reverse lane order, so the top lane of the
 * 256-bit product is an 8-term dot product. A lane sums at most 4096 products |u x| <= 255 * 128,
 * far inside int32, so lifting the lower lanes by 2^31 leaves the top lane exact; the offset of
 * u is removed with one per-layer term: sum(w x) = sum(u x) - 128 * sum(x).
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
     * @notice Number of neurons (sum of dims[1..L]: hidden and output) of a model whose shape() was checked.
     * @dev Per-neuron work (bias, shift, activation) dominates the cost of a narrow model, as weights do that of a
     * wide one: callers bound both to bound the gas of validate() and predict().
     */
    function neurons(bytes calldata model) internal pure returns (uint256 count) {
        uint256 layers = uint8(model[4]);
        for (uint256 i = 1; i <= layers; ++i) {
            count += _dim(model, i);
        }
    }

    /**
     * @notice shape() plus the overflow rule, which makes every accumulator exact in int32.
     * @dev O(weights), about 4.5 gas per weight plus a few hundred per neuron. Neurons are checked
     * in order (layer by layer, then by index); the first failing one is reported.
     *
     * Requirements:
     * - everything shape() requires;
     * - for every layer l and neuron j: |bias_j| + sum_i |w_ji| * M_l <= 2^31 - 1, where
     *   M_0 = 128 and M_l = 127 for l >= 1.
     */
    function validate(bytes calldata model) internal pure returns (ModelShape memory modelShape) {
        modelShape = shape(model);
        (bool overflows, uint256 layer, uint256 neuron, uint256 worstCase) = _firstOverflow(model, modelShape.layers);
        if (overflows) revert ModelAccumulatorOverflow(layer, neuron, worstCase);
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
            // Activations are packed for the dot products: x_i sits in 32-bit lane (i % 32) / 4 of
            // word i % 4 of the 128-byte block i / 32, i.e. word c of block b holds x[32b + c + 4r]
            // in lane r (as the integer sum of x * 2^(32 r), so negative x borrow from the lane
            // above, which the product does not mind). A weight word (32 bytes, first byte = lowest
            // input) split into four words of eight 32-bit lanes has its lanes in the reverse
            // order, so the top lane of their product is an 8-term dot product.

            // Sum of the 32 bytes of `word`, as 16-bit lanes of byte pairs (to be reduced by sumLanes).
            function bytePairs(word, m8) -> pairs {
                pairs := add(and(word, m8), and(shr(8, word), m8))
            }
            // Total of the 16-bit lanes of `pairs`.
            function sumLanes(pairs, m16) -> sum {
                sum := shr(224, mul(add(and(pairs, m16), and(shr(16, pairs), m16)), 0x0000000100000001000000010000000100000001000000010000000100000001))
            }
            // `word` with its 32 bytes in the reverse order.
            function reverseBytes(word, constants) -> r {
                let m8 := mload(add(constants, 0x20))
                r := or(and(shr(8, word), m8), shl(8, and(word, m8)))
                let m16 := mload(add(constants, 0x40))
                r := or(and(shr(16, r), m16), shl(16, and(r, m16)))
                let m32 := mload(add(constants, 0x60))
                r := or(and(shr(32, r), m32), shl(32, and(r, m32)))
                let m64 := mload(add(constants, 0x80))
                r := or(and(shr(64, r), m64), shl(64, and(r, m64)))
                r := or(shr(128, r), shl(128, r))
            }
            // Evaluates one layer whose parameters are in `frame` (kept in memory to keep the
            // stack shallow): [0x00] inputs, [0x20] packed activations, [0x40] lane bias,
            // [0x60] -128 * sum(x), [0x80] biases, [0xa0] shift, [0xc0] buffer for the packed
            // outputs (0 for the output layer), [0xe0...] byte masks (read from memory: as
            // literals the optimizer would fetch them with CODECOPY at every use).
            // Returns the sum of a hidden layer's outputs, or the output layer's prediction.
            function layer(frame, w, outputs) -> result {
                let inputs := mload(frame)
                let bestZ := 0
                let h := mload(add(frame, 0xe0))
                let m8 := mload(add(frame, 0x100))
                let m16 := mload(add(frame, 0x120))
                for { let j := 0 } lt(j, outputs) { j := add(j, 1) } {
                    // With u = w + 128 (0..255): sum(w x) = sum(u x) - 128 * sum(x).
                    let ux := 0
                    {
                        let p := add(w, mul(j, inputs))
                        let xp := mload(add(frame, 0x20))
                        // The last word may run past the row: those bytes meet zero lanes.
                        for { let end := add(p, inputs) } lt(p, end) {
                            p := add(p, 32)
                            xp := add(xp, 128)
                        } {
                            let u := xor(calldataload(p), h)
                            let e := and(u, m8)
                            let o := and(shr(8, u), m8)
                            ux := add(
                                ux,
                                add(
                                    add(mul(and(shr(16, o), m16), mload(xp)), mul(and(shr(16, e), m16), mload(add(xp, 32)))),
                                    add(mul(and(o, m16), mload(add(xp, 64))), mul(and(e, m16), mload(add(xp, 96))))
                                )
                            )
                        }
                    }
                    // Every lane holds a signed sum of at most 4096 products |u x| <= 255 * 128, so
                    // lifting the seven lower lanes by 2^31 makes them non-negative and below 2^32:
                    // nothing then borrows from or carries into the top lane.
                    let bias := signextend(3, shr(224, calldataload(add(mload(add(frame, 0x80)), shl(2, j)))))
                    let z := sar(
                        mload(add(frame, 0xa0)),
                        add(add(bias, mload(add(frame, 0x60))), signextend(3, shr(224, add(ux, mload(add(frame, 0x40))))))
                    )
                    let next := mload(add(frame, 0xc0))
                    switch next
                    case 0 {
                        if or(iszero(j), sgt(z, bestZ)) {
                            result := j
                            bestZ := z
                        }
                    }
                    default {
                        if slt(z, 0) { z := 0 }
                        if sgt(z, 127) { z := 127 }
                        result := add(result, z)
                        let a := add(next, add(shl(7, shr(5, j)), shl(5, and(j, 3))))
                        mstore(a, or(mload(a), shl(shl(5, and(shr(2, j), 7)), z)))
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
            mstore(add(frame, 0x40), 0x0000000080000000800000008000000080000000800000008000000080000000)
            let constants := add(frame, 0xe0)
            mstore(constants, 0x8080808080808080808080808080808080808080808080808080808080808080)
            mstore(add(constants, 0x20), 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
            mstore(add(constants, 0x40), 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)
            mstore(add(constants, 0x60), 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)
            mstore(add(constants, 0x80), 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff)
            mstore(add(constants, 0xa0), 0x0101010101010101010101010101010101010101010101010101010101010101)
            let x := add(frame, 0x1a0)
            let next := add(x, shl(7, shr(5, add(widest, 31))))

            // Pack the input, 32 bytes per word: reversing the word's bytes and splitting it
            // like a weight word yields the four packed words in order; each lane is the byte
            // minus 256 times its sign bit. Also sum v = x + 128 (0..255) over the input.
            let sumV := 0
            {
                let end := add(input.offset, input.length)
                let xp := x
                for { let p := input.offset } lt(p, end) {
                    p := add(p, 32)
                    xp := add(xp, 128)
                } {
                    let keep := not(0)
                    if lt(sub(end, p), 32) { keep := not(shr(shl(3, sub(end, p)), not(0))) }
                    let raw := and(calldataload(p), keep)
                    let m := mload(add(constants, 0x20))
                    sumV := add(sumV, bytePairs(and(xor(raw, mload(constants)), keep), m))
                    let r := reverseBytes(raw, constants)
                    let signs := and(shr(7, r), mload(add(constants, 0xa0)))
                    let e := and(r, m)
                    let o := and(shr(8, r), m)
                    let se := and(signs, m)
                    let so := and(shr(8, signs), m)
                    m := mload(add(constants, 0x40))
                    mstore(xp, sub(and(e, m), shl(8, and(se, m))))
                    mstore(add(xp, 32), sub(and(o, m), shl(8, and(so, m))))
                    mstore(add(xp, 64), sub(and(shr(16, e), m), shl(8, and(shr(16, se), m))))
                    mstore(add(xp, 96), sub(and(shr(16, o), m), shl(8, and(shr(16, so), m))))
                }
            }
            // sum(x) = sum(v) - 128 * inputs for the input layer; later, the hidden outputs' sum.
            let sumX := sub(sumLanes(sumV, mload(add(constants, 0x40))), shl(7, input.length))

            for { let l := 0 } 1 {} {
                let inputs := shr(240, calldataload(add(dims, shl(1, l))))
                let outputs := shr(240, calldataload(add(dims, shl(1, add(l, 1)))))
                let biases := add(w, mul(inputs, outputs))
                mstore(frame, inputs)
                mstore(add(frame, 0x20), x)
                mstore(add(frame, 0x60), sub(0, shl(7, sumX)))
                mstore(add(frame, 0x80), biases)
                mstore(add(frame, 0xa0), byte(0, calldataload(add(shifts, l))))
                l := add(l, 1)
                if eq(l, layers) {
                    mstore(add(frame, 0xc0), 0)
                    prediction := layer(frame, w, outputs)
                    break
                }
                // Hidden outputs are OR-ed into their lanes: start from zero.
                for {
                    let p := next
                    let end := add(next, shl(7, shr(5, add(outputs, 31))))
                } lt(p, end) { p := add(p, 32) } {
                    mstore(p, 0)
                }
                mstore(add(frame, 0xc0), next)
                sumX := layer(frame, w, outputs)
                w := add(biases, shl(2, outputs))
                let previous := x
                x := next
                next := previous
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

    /**
     * @dev The first neuron (by layer, then index) whose worst case |bias| + sum|w| * M exceeds
     * 2^31 - 1, if any. The caller has checked the shape.
     */
    function _firstOverflow(
        bytes calldata model,
        uint256 layers
    ) private pure returns (bool overflows, uint256 layer, uint256 neuron, uint256 worstCase) {
        assembly ("memory-safe") {
            // sum |w| over the n weights at calldata p, 32 per word: per byte |w| = (w xor m) + s
            // with s its sign bit and m = s * 0xff. |w| <= 128 fits a byte, so no byte carries,
            // and byte pairs summed into 16-bit lanes stay below 2^16 for 4096 / 32 words.
            function absSum(p, n, constants) -> sum {
                let ones := mload(constants)
                let m8 := mload(add(constants, 0x20))
                let lanes := 0
                for { let end := add(p, n) } lt(p, end) { p := add(p, 32) } {
                    let word := calldataload(p)
                    let s := and(shr(7, word), ones)
                    let a := add(xor(word, mul(s, 0xff)), s)
                    lanes := add(lanes, add(and(a, m8), and(shr(8, a), m8)))
                }
                // The last word ran past the row: take its extra (low) bytes back out.
                let past := sub(and(add(n, 31), not(31)), n)
                let word := and(calldataload(sub(p, 32)), sub(shl(shl(3, past), 1), 1))
                let s := and(shr(7, word), ones)
                let a := add(xor(word, mul(s, 0xff)), s)
                lanes := sub(lanes, add(and(a, m8), and(shr(8, a), m8)))
                let m16 := mload(add(constants, 0x40))
                sum := shr(
                    224,
                    mul(
                        add(and(lanes, m16), and(shr(16, lanes), m16)),
                        0x0000000100000001000000010000000100000001000000010000000100000001
                    )
                )
            }

            // Masks live in memory: as literals the optimizer would fetch them with CODECOPY at every use.
            let constants := mload(0x40)
            mstore(constants, 0x0101010101010101010101010101010101010101010101010101010101010101)
            mstore(add(constants, 0x20), 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
            mstore(add(constants, 0x40), 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)

            let dims := add(model.offset, 5)
            let w := add(model.offset, add(7, mul(3, layers)))
            for { let l := 0 } lt(l, layers) { l := add(l, 1) } {
                let inputs := shr(240, calldataload(add(dims, shl(1, l))))
                let outputs := shr(240, calldataload(add(dims, shl(1, add(l, 1)))))
                // M_0 = 128 (int8 inputs), M_l = 127 (hidden outputs).
                let magnitude := sub(128, gt(l, 0))
                let biases := add(w, mul(inputs, outputs))
                for { let j := 0 } lt(j, outputs) { j := add(j, 1) } {
                    let bias := signextend(3, shr(224, calldataload(add(biases, shl(2, j)))))
                    if slt(bias, 0) { bias := sub(0, bias) }
                    let worst := add(bias, mul(absSum(add(w, mul(j, inputs)), inputs, constants), magnitude))
                    if gt(worst, 0x7fffffff) {
                        overflows := 1
                        layer := l
                        neuron := j
                        worstCase := worst
                        break
                    }
                }
                if overflows { break }
                w := add(biases, shl(2, outputs))
            }
        }
    }
}
