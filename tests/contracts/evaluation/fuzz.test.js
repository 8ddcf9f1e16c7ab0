import { expect } from "chai";
import { network } from "hardhat";
import { hexlify } from "ethers";
import {
  EvaluationError,
  MAX_ACCUMULATOR,
  createRng,
  encodeModel,
  predict,
  randomInt8s,
  randomModel,
  validateModel,
} from "../../../scripts/lib/evaluation.mjs";

const { ethers } = await network.create();

const int8Hex = (values) => hexlify(Uint8Array.from(values, (v) => v & 0xff));

/** Random dims: 1..4 layers, widths up to `widest` so that rows end at every offset within a word. */
function randomDims(rng, widest) {
  const layers = rng.int(1, 4);
  const dims = Array.from({ length: layers }, () => rng.int(1, widest));
  dims.push(rng.int(2, 12));
  return dims;
}

describe("QuantizedMlp fuzz: EVM against the JS reference", function () {
  let harness;

  before(async function () {
    harness = await ethers.deployContract("QuantizedMlpHarness");
  });

  it("predicts alike on 80 random models (some with random shifts), 8 random inputs each", async function () {
    const rng = createRng(0x5eed);
    const seen = new Set();
    for (let m = 0; m < 80; m++) {
      const dims = randomDims(rng, m % 10 === 9 ? 300 : 80);
      const model = randomModel(rng, dims);
      // A quarter of the models take any shift, down to 0 and up to 31.
      if (m % 4 === 3) model.shifts = model.shifts.map(() => rng.int(0, 31));
      const bytes = encodeModel(model);
      validateModel(bytes);
      const inputs = Array.from({ length: 8 }, () => randomInt8s(rng, dims[0]));
      const expected = inputs.map((input) => predict(bytes, input));
      expected.forEach((p) => seen.add(p));
      const actual = await harness.predictAll(bytes, inputs.map(int8Hex));
      expect(actual.map(Number), `model ${m} dims ${dims} shifts ${model.shifts}`).to.deep.equal(expected);
    }
    // The models are not degenerate: predictions cover many classes.
    expect(seen.size).to.be.at.least(8);
  });

  it("accepts and rejects alike near the overflow bound, with the same error arguments", async function () {
    const rng = createRng(0xb0b);
    let rejected = 0;
    for (let m = 0; m < 40; m++) {
      const dims = randomDims(rng, 40);
      const model = randomModel(rng, dims);
      // Put one random neuron within a few units of the bound, on either side.
      const l = rng.int(0, dims.length - 2);
      const j = rng.int(0, dims[l + 1] - 1);
      const { weights, biases } = model.layers[l];
      let sum = 0;
      for (let i = 0; i < dims[l]; i++) sum += Math.abs(weights[j * dims[l] + i]);
      const magnitude = MAX_ACCUMULATOR - sum * (l === 0 ? 128 : 127) + rng.int(-2, 2);
      biases[j] = Math.min(magnitude, 2 ** 31 - 1) * (rng.int(0, 1) ? 1 : -1);
      const bytes = encodeModel(model);
      let expected;
      try {
        expected = validateModel(bytes);
      } catch (e) {
        if (!(e instanceof EvaluationError)) throw e;
        rejected++;
        await expect(harness.validate(bytes))
          .to.be.revertedWithCustomError(harness, e.errorName)
          .withArgs(...e.args);
        continue;
      }
      expect([...(await harness.validate(bytes))].map(Number)).to.deep.equal([
        expected.layers,
        expected.inputSize,
        expected.classes,
        expected.macs,
      ]);
    }
    expect(rejected).to.be.within(5, 35);
  });
});
