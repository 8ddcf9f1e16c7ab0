// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {QuantizedMlp} from "../QuantizedMlp.sol";

/**
 * @title QuantizedMlpHarness
 * @notice Exposes the internal QuantizedMlp library to tests and benchmarks. Not for deployment.
 */
contract QuantizedMlpHarness {
    /**
     * @notice QuantizedMlp.shape() of `model`.
     * @dev Requirements: as QuantizedMlp.shape().
     */
    function shape(bytes calldata model) external pure returns (QuantizedMlp.ModelShape memory) {
        return QuantizedMlp.shape(model);
    }

    /**
     * @notice QuantizedMlp.validate() of `model`.
     * @dev Requirements: as QuantizedMlp.validate().
     */
    function validate(bytes calldata model) external pure returns (QuantizedMlp.ModelShape memory) {
        return QuantizedMlp.validate(model);
    }

    /**
     * @notice QuantizedMlp.predict() of `model` on `input`.
     * @dev Requirements: as QuantizedMlp.predict().
     */
    function predict(bytes calldata model, bytes calldata input) external pure returns (uint256) {
        return QuantizedMlp.predict(model, input);
    }

    /**
     * @notice predict() for each input in turn, in one call (cheaper to test many samples).
     * @dev Requirements: as QuantizedMlp.predict() for every input.
     */
    function predictAll(bytes calldata model, bytes[] calldata inputs) external pure returns (uint256[] memory predictions) {
        predictions = new uint256[](inputs.length);
        for (uint256 s; s < inputs.length; ++s) {
            predictions[s] = QuantizedMlp.predict(model, inputs[s]);
        }
    }

    /**
     * @notice Gas that QuantizedMlp.validate() spends on `model`, for benchmarks.
     * @dev Requirements: as QuantizedMlp.validate().
     */
    function validateGas(bytes calldata model) external view returns (uint256 gasUsed) {
        uint256 before = gasleft();
        QuantizedMlp.validate(model);
        gasUsed = before - gasleft();
    }

    /**
     * @notice Gas that QuantizedMlp.predict() spends on one input, for benchmarks.
     * @dev Requirements: as QuantizedMlp.predict().
     */
    function predictGas(bytes calldata model, bytes calldata input) external view returns (uint256 prediction, uint256 gasUsed) {
        uint256 before = gasleft();
        prediction = QuantizedMlp.predict(model, input);
        gasUsed = before - gasleft();
    }
}
