import { expect } from "chai";
import { network } from "hardhat";
import { hexlify } from "ethers";
import { createRng, encodeModel, predict, randomInt8s, randomModel, validateModel } from "../../../scripts/lib/evaluation.mjs";

const { ethers } = await network.create();

/** Random dims: 1..4 layers, widths up to 80 so that rows end at every offset within a word. */
function randomDims(rng) {
  const layers = rng.int(1, 4);
  const dims = Array.from({ length: layers }, () => rng.int(1, 80));
  dims.push(rng.int(2, 12));
  return dims;
}

describe("QuantizedMlp fuzz: EVM against the JS reference", function () {
  let harness;

  before(async function () {
    harness = await ethers.deployContract("QuantizedMlpHarness");
  });

  it("agrees on 60 random models, 8 random inputs each", async function () {
    const rng = createRng(0x5eed);
    for (let m = 0; m < 60; m++) {
      const dims = randomDims(rng);
      const model = encodeModel(randomModel(rng, dims));
      validateModel(model);
      const inputs = Array.from({ length: 8 }, () => randomInt8s(rng, dims[0]));
      const expected = inputs.map((input) => BigInt(predict(model, input)));
      const actual = await harness.predictAll(model, inputs.map((input) => hexlify(Uint8Array.from(input, (v) => v & 0xff))));
      expect(actual, `model ${m} dims ${dims}`).to.deep.equal(expected);
    }
  });
});
