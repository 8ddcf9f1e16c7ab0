// Reference implementation of the DQM1/DQD1 evaluation format (docs/evaluation.md).
//
// Every value here is an integer that a double holds exactly: an accumulator is at most
// 2^31 + 4096 * 128 * 128 in magnitude even for a model that fails the overflow rule, far below
// 2^53, so plain Numbers are exact and no BigInt is needed.
import { concat, getBytes, hexlify, keccak256, sha256 } from "ethers";
import { buildPositionalTree, proofFrom, treeDepth } from "./test-set.mjs";

export const MODEL_MAGIC = Object.freeze([0x44, 0x51, 0x4d, 0x31]); // "DQM1"
export const DATASET_MAGIC = Object.freeze([0x44, 0x51, 0x44, 0x31]); // "DQD1"
export const MAX_LAYERS = 8;
export const MAX_DIM = 4096;
export const MAX_SHIFT = 31;
export const MAX_ACCUMULATOR = 2 ** 31 - 1;
/** Largest |input| of layer 0 (int8 inputs) and of later layers (hidden outputs are 0..127). */
export const INPUT_MAGNITUDE = 128;
export const HIDDEN_MAGNITUDE = 127;

/**
 * A malformed model, input or dataset. `errorName` and `args` are those of the matching
 * Solidity custom error in contracts/evaluation/QuantizedMlp.sol (dataset errors have no
 * on-chain counterpart).
 */
export class EvaluationError extends Error {
  constructor(errorName, args) {
    super(`${errorName}(${args.join(", ")})`);
    this.name = "EvaluationError";
    this.errorName = errorName;
    this.args = args;
  }
}

const fail = (errorName, ...args) => {
  throw new EvaluationError(errorName, args);
};

const readUint = (bytes, offset, size) => {
  let value = 0;
  for (let k = 0; k < size; k++) value = value * 256 + bytes[offset + k];
  return value;
};

const writeUint = (bytes, offset, size, value) => {
  for (let k = size - 1; k >= 0; k--) {
    bytes[offset + k] = value & 0xff;
    value = Math.floor(value / 256);
  }
};

const readInt32 = (bytes, offset) => {
  const value = readUint(bytes, offset, 4);
  return value >= 2 ** 31 ? value - 2 ** 32 : value;
};

/** Floor division by 2^shift: the arithmetic right shift of an exact integer. */
const shiftRight = (value, shift) => Math.floor(value / 2 ** shift);

/** Byte length of the header of a model with `layers` layers. */
export const headerLength = (layers) => 5 + 2 * (layers + 1) + layers;

/**
 * Parses and checks a model header and its exact length, in the normative order of
 * docs/evaluation.md §3.3 (the Solidity library checks in the same order).
 * @returns {{layers:number, inputSize:number, classes:number, macs:number, dims:number[], shifts:number[]}}
 */
export function modelShape(modelBytes) {
  const bytes = getBytes(modelBytes);
  if (bytes.length < 5) fail("ModelTooShort", bytes.length, 5);
  if (MODEL_MAGIC.some((b, k) => bytes[k] !== b)) fail("ModelBadMagic", hexlify(bytes.subarray(0, 4)));
  const layers = bytes[4];
  if (layers < 1 || layers > MAX_LAYERS) fail("ModelBadLayerCount", layers);
  const header = headerLength(layers);
  if (bytes.length < header) fail("ModelTooShort", bytes.length, header);
  const dims = [];
  for (let i = 0; i <= layers; i++) {
    const dim = readUint(bytes, 5 + 2 * i, 2);
    if (dim < 1 || dim > MAX_DIM) fail("ModelBadDimension", i, dim);
    dims.push(dim);
  }
  const classes = dims[layers];
  if (classes < 2) fail("ModelTooFewClasses", classes);
  const shifts = [];
  for (let l = 0; l < layers; l++) {
    const shift = bytes[5 + 2 * (layers + 1) + l];
    if (shift > MAX_SHIFT) fail("ModelBadShift", l, shift);
    shifts.push(shift);
  }
  let expected = header;
  let macs = 0;
  for (let l = 0; l < layers; l++) {
    macs += dims[l] * dims[l + 1];
    expected += dims[l] * dims[l + 1] + 4 * dims[l + 1];
  }
  if (bytes.length !== expected) fail("ModelLengthMismatch", bytes.length, expected);
  return { layers, inputSize: dims[0], classes, macs, dims, shifts };
}

/**
 * Decodes model bytes (after modelShape's checks) into
 * `{ dims, shifts, layers: [{ weights: Int8Array (row-major, dims[l+1] x dims[l]), biases: Int32Array }] }`.
 */
export function decodeModel(modelBytes) {
  const bytes = getBytes(modelBytes);
  const { dims, shifts } = modelShape(bytes);
  const layers = [];
  let offset = headerLength(shifts.length);
  for (let l = 0; l < shifts.length; l++) {
    const count = dims[l] * dims[l + 1];
    const weights = new Int8Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count));
    offset += count;
    const biases = new Int32Array(dims[l + 1]);
    for (let j = 0; j < biases.length; j++, offset += 4) biases[j] = readInt32(bytes, offset);
    layers.push({ weights, biases });
  }
  return { dims, shifts, layers };
}

/** Writes the DQM1 header of `dims` and `shifts` at the start of `bytes`. */
function writeHeader(bytes, dims, shifts) {
  const count = shifts.length;
  bytes.set(MODEL_MAGIC, 0);
  bytes[4] = count;
  dims.forEach((dim, i) => writeUint(bytes, 5 + 2 * i, 2, dim));
  shifts.forEach((shift, l) => (bytes[5 + 2 * (count + 1) + l] = shift));
}

/**
 * Encodes `{ dims, shifts, layers: [{ weights, biases }] }` as DQM1 bytes. It checks only that
 * the arrays fit together and that every value fits its field, not the format's limits, so
 * that tests can build rejected models too.
 */
export function encodeModel({ dims, shifts, layers }) {
  const count = shifts.length;
  if (dims.length !== count + 1 || layers.length !== count) {
    throw new TypeError(`encodeModel: ${count} shifts need ${count + 1} dims and ${count} layers`);
  }
  let length = headerLength(count);
  for (let l = 0; l < count; l++) length += dims[l] * dims[l + 1] + 4 * dims[l + 1];
  const bytes = new Uint8Array(length);
  writeHeader(bytes, dims, shifts);
  let offset = headerLength(count);
  layers.forEach(({ weights, biases }, l) => {
    if (weights.length !== dims[l] * dims[l + 1] || biases.length !== dims[l + 1]) {
      throw new TypeError(`encodeModel: layer ${l} needs ${dims[l + 1]}x${dims[l]} weights and ${dims[l + 1]} biases`);
    }
    for (const w of weights) {
      if (!Number.isInteger(w) || w < -128 || w > 127) throw new RangeError(`encodeModel: weight ${w} is not int8`);
      bytes[offset++] = w & 0xff;
    }
    for (const b of biases) {
      if (!Number.isInteger(b) || b < -(2 ** 31) || b >= 2 ** 31) throw new RangeError(`encodeModel: bias ${b} is not int32`);
      writeUint(bytes, offset, 4, b < 0 ? b + 2 ** 32 : b);
      offset += 4;
    }
  });
  return bytes;
}

/**
 * modelShape plus the overflow rule: for every layer l and neuron j,
 * |bias_j| + sum_i |w_ji| * M_l <= 2^31 - 1 with M_0 = 128 and M_l = 127 otherwise.
 * Neurons are checked layer by layer, neuron by neuron; the first failure is reported.
 */
export function validateModel(modelBytes) {
  const shape = modelShape(modelBytes);
  const { layers } = decodeModel(modelBytes);
  layers.forEach(({ weights, biases }, l) => {
    const inputs = shape.dims[l];
    const magnitude = l === 0 ? INPUT_MAGNITUDE : HIDDEN_MAGNITUDE;
    for (let j = 0; j < biases.length; j++) {
      let sum = 0;
      for (let i = 0; i < inputs; i++) sum += Math.abs(weights[j * inputs + i]);
      const worstCase = Math.abs(biases[j]) + sum * magnitude;
      if (worstCase > MAX_ACCUMULATOR) fail("ModelAccumulatorOverflow", l, j, worstCase);
    }
  });
  return shape;
}

/**
 * The prediction for one input: the lowest index of a maximal output. `model` is model bytes
 * (hex or Uint8Array) or a decodeModel result; `input` holds dims[0] int8 values (an Int8Array,
 * an array of numbers, or the raw bytes as hex).
 */
export function predict(model, input) {
  const z = trace(model, input).at(-1);
  let best = 0;
  for (let j = 1; j < z.length; j++) if (z[j] > z[best]) best = j;
  return best;
}

/**
 * Every layer's outputs for one input (docs/evaluation.md §4): element l holds layer l's outputs, the hidden
 * layers after shift and clamp, the last layer the shifted logits z. Arguments as for predict.
 */
export function trace(model, input) {
  const { dims, shifts, layers } = model.layers ? model : decodeModel(model);
  let x = typeof input === "string" ? new Int8Array(getBytes(input).buffer.slice(0)) : Int8Array.from(input);
  if (x.length !== dims[0]) fail("InputLengthMismatch", x.length, dims[0]);
  const outputsPerLayer = [];
  for (let l = 0; l < layers.length; l++) {
    const { weights, biases } = layers[l];
    const inputs = dims[l];
    const outputs = new Array(dims[l + 1]);
    for (let j = 0; j < outputs.length; j++) {
      let acc = biases[j];
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) acc += weights[row + i] * x[i];
      const z = shiftRight(acc, shifts[l]);
      outputs[j] = l < layers.length - 1 ? Math.min(127, Math.max(0, z)) : z;
    }
    outputsPerLayer.push(outputs);
    x = outputs;
  }
  return outputsPerLayer;
}

/**
 * The first neuron of `layerOutputs` (a claimed trace of `input`, as trace returns) that its own inputs do not
 * produce: layer by layer, each neuron recomputed from the input (layer 0) or the claimed previous layer.
 * Returns { layer, neuron } or null when the claimed trace is the true one. What an auditor proves in the game.
 */
export function firstWrongNeuron(model, input, layerOutputs) {
  const decoded = model.layers ? model : decodeModel(model);
  const x = typeof input === "string" ? new Int8Array(getBytes(input).buffer.slice(0)) : Int8Array.from(input);
  for (let l = 0; l < decoded.layers.length; l++) {
    const inputs = l === 0 ? x : Int8Array.from(layerOutputs[l - 1]);
    const single = { dims: [decoded.dims[l], decoded.dims[l + 1]], shifts: [decoded.shifts[l]], layers: [decoded.layers[l]] };
    let outputs = trace(single, inputs)[0];
    if (l < decoded.layers.length - 1) outputs = outputs.map((z) => Math.min(127, Math.max(0, z)));
    const neuron = outputs.findIndex((v, j) => v !== layerOutputs[l][j]);
    if (neuron >= 0) return { layer: l, neuron };
  }
  return null;
}

/**
 * A trace as the prediction game posts it (docs/evaluation.md §11): the hidden layers' outputs one byte each,
 * then the output layer's int32 values big-endian.
 */
export function encodeTrace(layerOutputs) {
  const hidden = layerOutputs.slice(0, -1).reduce((n, v) => n + v.length, 0);
  const z = layerOutputs.at(-1);
  const bytes = new Uint8Array(hidden + 4 * z.length);
  let offset = 0;
  for (const outputs of layerOutputs.slice(0, -1)) for (const v of outputs) bytes[offset++] = v & 0xff;
  for (const v of z) {
    writeUint(bytes, offset, 4, v < 0 ? v + 2 ** 32 : v);
    offset += 4;
  }
  return bytes;
}

/**
 * The header and rows of a model (docs/evaluation.md §11): row r is neuron j of layer l, its int8 weights then
 * its int32 bias big-endian, layer after layer. `model` as for predict.
 */
export function modelRows(model) {
  const { dims, shifts, layers } = model.layers ? model : decodeModel(model);
  const header = new Uint8Array(headerLength(shifts.length));
  writeHeader(header, dims, shifts);
  const rows = [];
  layers.forEach(({ weights, biases }, l) => {
    const n = dims[l];
    for (let j = 0; j < dims[l + 1]; j++) {
      const row = new Uint8Array(n + 4);
      for (let i = 0; i < n; i++) row[i] = weights[j * n + i] & 0xff;
      writeUint(row, n, 4, biases[j] < 0 ? biases[j] + 2 ** 32 : biases[j]);
      rows.push(row);
    }
  });
  return { header, rows };
}

/**
 * The row commitment of a model: the positional tree over its rows ({ root, depth, levels, records }) with
 * `header`, `rowsRoot` and `modelRoot = keccak256(keccak256(header) || rowsRoot)`.
 */
export function modelRowsTree(model) {
  const { header, rows } = modelRows(model);
  const tree = buildPositionalTree(rows);
  return { ...tree, header: hexlify(header), rowsRoot: tree.root, modelRoot: modelRootOf(header, tree.root) };
}

/** modelRoot = keccak256(keccak256(header) || rowsRoot). */
export const modelRootOf = (header, rowsRoot) => keccak256(concat([keccak256(getBytes(header)), rowsRoot]));

/** Row `r` with its proof, as OptimisticVerifier.NeuronRow needs it (layer and neuron added by the caller). */
export const rowProof = (tree, r) => ({ row: hexlify(tree.records[r]), proof: proofFrom(tree, 0, r) });

/**
 * Most gas a chunk the tooling makes may need: far under EIP-7825's per-transaction cap (2^24 = 16,777,216),
 * which OP-stack chains adopt, with room for a different gas schedule.
 */
export const MAX_CHUNK_GAS = 10_000_000;

/**
 * An upper bound on the gas of publishModelChunk for a subtree of `leaves` leaves (2^height, padding included:
 * the contract hashes every leaf) holding `bytes` bytes of rows. Fitted above measurements on Hardhat's EVM
 * (cancun): about 2,700-2,930 gas per leaf (leaf hash, tree node, overflow rule, memory) and 30-36 per byte of
 * rows (calldata and the overflow rule's weight loop), plus a header check and base cost under 100,000.
 */
export const chunkGasBound = (leaves, bytes) => 100_000 + 3_000 * leaves + 40 * bytes;

/**
 * The publishModelChunk calls that put a model on chain, in order: aligned subtrees of the largest height
 * whose rows fit `maxBytes` and whose gas bound ({@link chunkGasBound}) fits `maxGas` (rows of layers of
 * different widths may share a chunk), the last one no taller than the rows it holds need. Bounding bytes alone
 * let a shape of many short rows (1-4096-1-4096-...: 16,384 five-byte rows in 94 KB) make a chunk of 44 M gas,
 * above the per-transaction cap: such a model could never be revealed (issue 20, fault 3). Yields, one at a time
 * (a whole 8 x 4,096 model in hex would not fit a default Node heap), { firstRow, height, rows (hex), proof }.
 */
export function* modelChunks(tree, maxBytes = 100_000, maxGas = MAX_CHUNK_GAS) {
  const count = tree.records.length;
  const depth = treeDepth(count);
  const bytesOf = (first, height) => {
    let bytes = 0;
    for (let r = first; r < Math.min(first + (1 << height), count); r++) bytes += tree.records[r].length;
    return bytes;
  };
  const fits = (first, height) => {
    const bytes = bytesOf(first, height);
    return bytes <= maxBytes && chunkGasBound(1 << height, bytes) <= maxGas;
  };
  for (let first = 0; first < count; ) {
    let height = 0;
    // Grow while the subtree stays aligned, short of the model's end (the contract hashes every leaf of the
    // subtree, padding included) and within maxBytes and maxGas.
    const grows = () => first % (1 << (height + 1)) === 0 && first + (1 << height) < count;
    while (height < depth && grows() && fits(first, height + 1)) height++;
    const last = Math.min(first + (1 << height), count);
    const rows = new Uint8Array(bytesOf(first, height));
    for (let r = first, offset = 0; r < last; offset += tree.records[r].length, r++) rows.set(tree.records[r], offset);
    yield { firstRow: first, height, rows: hexlify(rows), proof: proofFrom(tree, height, first >> height) };
    first = last;
  }
}

/** Most bytes and rows of an availability chunk (ModelCommitment.MAX_AVAILABILITY_CHUNK_BYTES / _ROWS). */
export const MAX_AVAILABILITY_CHUNK_BYTES = 65_536;
export const MAX_AVAILABILITY_CHUNK_ROWS = 512;

/**
 * Height of a model's availability chunks, as ModelCommitment.availabilityHeight: the largest, at most the tree's
 * depth, whose 2^height rows of the widest width (largest dims[l] + 4) fit 65,536 bytes and 512 rows
 * (docs/training-tasks.md §8.5).
 */
export function availabilityHeight(dims) {
  const widest = Math.max(...dims.slice(0, -1)) + 4;
  const rows = dims.slice(1).reduce((n, d) => n + d, 0);
  const depth = treeDepth(rows);
  let height = 0;
  while (height < depth && widest * 2 ** (height + 1) <= MAX_AVAILABILITY_CHUNK_BYTES && 2 ** (height + 1) <= MAX_AVAILABILITY_CHUNK_ROWS) height++;
  return height;
}

/** Number of availability chunks of a model of `dims` (commitLargeModel's chunkCount). */
export const availabilityChunkCount = (dims) =>
  Math.ceil(dims.slice(1).reduce((n, d) => n + d, 0) / 2 ** availabilityHeight(dims));

/** Availability chunk `chunk` of the model whose row tree is `tree`: { rows (hex), proof } for resolveChunk. */
export function availabilityChunk(tree, dims, chunk) {
  const height = availabilityHeight(dims);
  const first = chunk * 2 ** height;
  const last = Math.min(first + 2 ** height, tree.records.length);
  const parts = tree.records.slice(first, last);
  const rows = new Uint8Array(parts.reduce((n, r) => n + r.length, 0));
  for (let i = 0, offset = 0; i < parts.length; offset += parts[i].length, i++) rows.set(parts[i], offset);
  return { rows: hexlify(rows), proof: proofFrom(tree, height, chunk) };
}

/** Encodes `{ inputSize, samples: [{ label, input }] }` as DQD1 bytes. */
export function encodeDataset({ inputSize, samples }) {
  const bytes = new Uint8Array(10 + samples.length * (1 + inputSize));
  bytes.set(DATASET_MAGIC, 0);
  writeUint(bytes, 4, 2, inputSize);
  writeUint(bytes, 6, 4, samples.length);
  let offset = 10;
  for (const { label, input } of samples) {
    if (input.length !== inputSize) throw new TypeError(`encodeDataset: input of ${input.length} values, expected ${inputSize}`);
    if (!Number.isInteger(label) || label < 0 || label > 255) throw new RangeError(`encodeDataset: label ${label} is not uint8`);
    bytes[offset++] = label;
    for (const v of input) bytes[offset++] = v & 0xff;
  }
  return bytes;
}

/** Decodes DQD1 bytes into `{ inputSize, samples: [{ label, input: Int8Array }] }`. */
export function decodeDataset(datasetBytes) {
  const bytes = getBytes(datasetBytes);
  if (bytes.length < 10) fail("DatasetTooShort", bytes.length, 10);
  if (DATASET_MAGIC.some((b, k) => bytes[k] !== b)) fail("DatasetBadMagic", hexlify(bytes.subarray(0, 4)));
  const inputSize = readUint(bytes, 4, 2);
  const count = readUint(bytes, 6, 4);
  const expected = 10 + count * (1 + inputSize);
  if (bytes.length !== expected) fail("DatasetLengthMismatch", bytes.length, expected);
  const samples = [];
  for (let s = 0, offset = 10; s < count; s++, offset += 1 + inputSize) {
    const start = bytes.byteOffset + offset + 1;
    samples.push({ label: bytes[offset], input: new Int8Array(bytes.buffer.slice(start, start + inputSize)) });
  }
  return { inputSize, samples };
}

/** The score: how many samples of the dataset the model predicts correctly. */
export function accuracy(model, dataset) {
  const decoded = model.layers ? model : decodeModel(model);
  const { inputSize, samples } = dataset.samples ? dataset : decodeDataset(dataset);
  if (inputSize !== decoded.dims[0]) fail("InputLengthMismatch", inputSize, decoded.dims[0]);
  return samples.reduce((correct, { label, input }) => correct + (predict(decoded, input) === label ? 1 : 0), 0);
}

/** keccak256 of the model bytes, as 0x-prefixed hex. */
export const modelHash = (modelBytes) => keccak256(getBytes(modelBytes));

const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32, lower-case, without padding. */
export function base32(bytes) {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** CIDv1 (raw codec 0x55, sha2-256 multihash) of the bytes, in multibase base32 ("b..."). */
export function cidOf(anyBytes) {
  const digest = getBytes(sha256(getBytes(anyBytes)));
  return "b" + base32(Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...digest]));
}

/**
 * A small seeded PRNG (a Weyl sequence through the murmur3 finalizer) so that generated models
 * and datasets are identical on every machine. Not for anything secret.
 */
export function createRng(seed) {
  let state = seed >>> 0;
  const nextUint32 = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  /** An integer in [min, max], both included (max - min < 2^32). */
  const int = (min, max) => min + Math.floor((nextUint32() / 2 ** 32) * (max - min + 1));
  return { nextUint32, int, float: () => nextUint32() / 2 ** 32 };
}

/** `count` uniform int8 values. */
export const randomInt8s = (rng, count) => Int8Array.from({ length: count }, () => rng.int(-128, 127));

/**
 * A random model with the given dims whose shifts keep typical accumulators in the int8 range
 * and whose biases are of the order of the shifted sums, so that hidden neurons neither all die
 * nor all saturate and predictions spread over the classes. Always passes the overflow rule.
 */
export function randomModel(rng, dims) {
  const count = dims.length - 1;
  const layers = [];
  const shifts = [];
  for (let l = 0; l < count; l++) {
    // Inputs have |x| about 64 in layer 0 and 32 later; |w| about 64; map sqrt(n) terms to ~64.
    const typical = Math.sqrt(dims[l]) * 64 * (l === 0 ? 64 : 32);
    const shift = Math.max(0, Math.min(MAX_SHIFT, Math.round(Math.log2(typical / 64))));
    const biasBound = Math.min(2 ** (shift + 5), 2 ** 24);
    const weights = randomInt8s(rng, dims[l] * dims[l + 1]);
    const biases = Int32Array.from({ length: dims[l + 1] }, () => rng.int(-biasBound, biasBound));
    layers.push({ weights, biases });
    shifts.push(shift);
  }
  return { dims: [...dims], shifts, layers };
}

/** A random dataset of `count` uniform int8 inputs with uniform labels below `classes` (and 256). */
export function randomDataset(rng, inputSize, count, classes) {
  const samples = Array.from({ length: count }, () => ({
    input: randomInt8s(rng, inputSize),
    label: rng.int(0, Math.min(classes, 256) - 1),
  }));
  return { inputSize, samples };
}
