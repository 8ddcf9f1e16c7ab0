import { expect } from "chai";
import { network } from "hardhat";
import { buildVectors } from "../../../scripts/gen-vectors.mjs";
import { rejectedCases, validCases, vectorFileText, VECTOR_FILES } from "./vectors.js";

const { ethers } = await network.create();

describe("QuantizedMlp on the EVM against the conformance vectors", function () {
  let harness;

  before(async function () {
    harness = await ethers.deployContract("QuantizedMlpHarness");
  });

  for (const vector of validCases()) {
    describe(vector.name, function () {
      const shape = [vector.shape.layers, vector.shape.inputSize, vector.shape.classes, vector.shape.macs].map(BigInt);

      it("shape() and validate() return the shape", async function () {
        expect([...(await harness.shape(vector.model))]).to.deep.equal(shape);
        expect([...(await harness.validate(vector.model))]).to.deep.equal(shape);
      });

      it("predict() gives every sample's prediction", async function () {
        const predictions = await harness.predictAll(
          vector.model,
          vector.samples.map((s) => s.input),
        );
        expect(predictions.map(Number)).to.deep.equal(vector.samples.map((s) => s.prediction));
      });
    });
  }

  for (const vector of rejectedCases()) {
    it(`${vector.name}: ${vector.stage} reverts with ${vector.error.name}`, async function () {
      const { name, args } = vector.error;
      if (vector.stage === "shape") {
        await expect(harness.shape(vector.model)).to.be.revertedWithCustomError(harness, name).withArgs(...args);
        // validate() and predict() run shape() first.
        await expect(harness.validate(vector.model)).to.be.revertedWithCustomError(harness, name).withArgs(...args);
        await expect(harness.predict(vector.model, "0x00")).to.be.revertedWithCustomError(harness, name).withArgs(...args);
      } else if (vector.stage === "validate") {
        await harness.shape(vector.model);
        await expect(harness.validate(vector.model)).to.be.revertedWithCustomError(harness, name).withArgs(...args);
      } else {
        await harness.validate(vector.model);
        await expect(harness.predict(vector.model, vector.input)).to.be.revertedWithCustomError(harness, name).withArgs(...args);
      }
    });
  }
});

describe("The vector files", function () {
  it("are exactly what scripts/gen-vectors.mjs generates", function () {
    const generated = buildVectors();
    expect(Object.keys(generated).sort()).to.deep.equal([...VECTOR_FILES].sort());
    for (const name of VECTOR_FILES) {
      expect(vectorFileText(name) === generated[name], `${name} is stale: run node scripts/gen-vectors.mjs`).to.equal(true);
    }
  });
});
