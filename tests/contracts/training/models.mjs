// Model builders shared by the training-task tests.
import { encodeModel } from "../../../scripts/lib/evaluation.mjs";

/** A DQM1 model of `dims` with all-zero weights and biases (valid under the overflow rule; predicts class 0). */
export function zeroModel(dims) {
  const layers = dims.slice(1).map((outputs, l) => ({
    weights: new Array(outputs * dims[l]).fill(0),
    biases: new Array(outputs).fill(0),
  }));
  return encodeModel({ dims, shifts: new Array(dims.length - 1).fill(0), layers });
}
