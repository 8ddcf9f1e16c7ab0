import { expect } from "chai";
import { getBytes, hexlify } from "ethers";
import {
  EvaluationError,
  accuracy,
  base32,
  cidOf,
  decodeDataset,
  decodeModel,
  encodeDataset,
  encodeModel,
  modelHash,
  modelShape,
  predict,
  validateModel,
} from "../../../scripts/lib/evaluation.mjs";
import { rejectedCases, validCases } from "./vectors.js";

describe("JS reference (scripts/lib/evaluation.mjs) against the conformance vectors", function () {
  for (const vector of validCases()) {
    describe(vector.name, function () {
      it("has the vector's shape, hashes and predictions", function () {
        const { layers, inputSize, classes, macs } = validateModel(vector.model);
        expect({ layers, inputSize, classes, macs }).to.deep.equal(vector.shape);
        expect(modelHash(vector.model)).to.equal(vector.modelHash);
        expect(cidOf(vector.model)).to.equal(vector.cid);
        const model = decodeModel(vector.model);
        expect(vector.samples.map((s) => predict(model, s.input))).to.deep.equal(vector.samples.map((s) => s.prediction));
      });

      it("round-trips the model and the dataset, and scores the dataset", function () {
        expect(hexlify(encodeModel(decodeModel(vector.model)))).to.equal(vector.model);
        const dataset = decodeDataset(vector.dataset);
        expect(dataset.samples.map((s) => ({ input: hexlify(Uint8Array.from(s.input, (v) => v & 0xff)), label: s.label }))).to.deep.equal(
          vector.samples.map(({ input, label }) => ({ input, label })),
        );
        expect(hexlify(encodeDataset(dataset))).to.equal(vector.dataset);
        expect(cidOf(vector.dataset)).to.equal(vector.datasetCid);
        const correct = vector.samples.filter((s) => s.label === s.prediction).length;
        expect(accuracy(vector.model, vector.dataset)).to.equal(correct).and.equal(vector.accuracy);
      });
    });
  }

  for (const vector of rejectedCases()) {
    it(`${vector.name}: ${vector.stage} throws ${vector.error.name}`, function () {
      const run = {
        shape: () => modelShape(vector.model),
        validate: () => validateModel(vector.model),
        predict: () => predict(vector.model, getBytes(vector.input)),
      }[vector.stage];
      expect(run).to.throw(EvaluationError).with.property("errorName", vector.error.name);
      try {
        run();
      } catch (e) {
        expect(e.args).to.deep.equal(vector.error.args);
      }
    });
  }
});

describe("JS reference: hashing and encodings", function () {
  it("base32 matches the RFC 4648 test vectors (lower case, no padding)", function () {
    const cases = { "": "", f: "my", fo: "mzxq", foo: "mzxw6", foob: "mzxw6yq", fooba: "mzxw6ytb", foobar: "mzxw6ytboi" };
    for (const [text, encoded] of Object.entries(cases)) expect(base32(new TextEncoder().encode(text))).to.equal(encoded);
  });

  it("gives the well-known CIDv1 of empty raw content", function () {
    // sha2-256 of no bytes under the raw codec, as IPFS prints it.
    expect(cidOf(new Uint8Array(0))).to.equal("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
  });

  it("rejects datasets that are short, mislabelled or of the wrong length", function () {
    const good = encodeDataset({ inputSize: 2, samples: [{ label: 1, input: [5, -5] }] });
    const cases = [
      [good.slice(0, 9), "DatasetTooShort", [9, 10]],
      [Uint8Array.from([0x44, 0x51, 0x44, 0x32, ...good.slice(4)]), "DatasetBadMagic", ["0x44514432"]],
      [good.slice(0, good.length - 1), "DatasetLengthMismatch", [good.length - 1, good.length]],
      [Uint8Array.from([...good, 0]), "DatasetLengthMismatch", [good.length + 1, good.length]],
    ];
    for (const [bytes, name, args] of cases) {
      expect(() => decodeDataset(bytes)).to.throw(EvaluationError).that.deep.include({ errorName: name, args });
    }
  });

  it("refuses to score a dataset of another input size", function () {
    const model = encodeModel({ dims: [2, 2], shifts: [0], layers: [{ weights: [1, 0, 0, 1], biases: [0, 0] }] });
    const dataset = encodeDataset({ inputSize: 3, samples: [{ label: 0, input: [1, 2, 3] }] });
    expect(() => accuracy(model, dataset)).to.throw(EvaluationError).that.deep.include({ errorName: "InputLengthMismatch", args: [3, 2] });
  });

  it("refuses to encode inconsistent or out-of-range models", function () {
    const layers = [{ weights: [1, 2], biases: [0] }];
    expect(() => encodeModel({ dims: [2, 1], shifts: [0, 0], layers })).to.throw(TypeError);
    expect(() => encodeModel({ dims: [3, 1], shifts: [0], layers })).to.throw(TypeError);
    expect(() => encodeModel({ dims: [2, 1], shifts: [0], layers: [{ weights: [128, 0], biases: [0] }] })).to.throw(RangeError);
    expect(() => encodeModel({ dims: [2, 1], shifts: [0], layers: [{ weights: [0, 0], biases: [2 ** 31] }] })).to.throw(RangeError);
  });

  it("refuses to encode a dataset with a label above 255 or an input of the wrong size", function () {
    expect(() => encodeDataset({ inputSize: 1, samples: [{ label: 256, input: [0] }] })).to.throw(RangeError);
    expect(() => encodeDataset({ inputSize: 2, samples: [{ label: 0, input: [0] }] })).to.throw(TypeError);
  });
});
