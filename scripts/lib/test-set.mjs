// Test-set commitments for TrainingTasks (mirrors contracts/training/TestSetMerkle.sol):
// leaf(i) = keccak256(uint32 i BE || uint8 label || int8 input[]), positional tree of depth
// ceil(log2(size)) padded with zero leaves, parent = keccak256(left || right); labels digest chained per
// revealed chunk: digest = keccak256(digest || chunk labels), from bytes32(0).
import { AbiCoder, concat, hexlify, keccak256, ZeroHash } from "ethers";

/** Depth of the tree over `size` leaves (0 for one leaf). */
export function treeDepth(size) {
  let depth = 0;
  while (1 << depth < size) depth++;
  return depth;
}

/** Height of a chunk's subtree: log2(chunkSize) capped by the tree's depth. */
export function chunkHeight(size, chunkSize) {
  return Math.min(Math.log2(chunkSize), treeDepth(size));
}

/** Samples per chunk (the last chunk may hold fewer). */
export function chunkSamples(size, chunkSize) {
  return 1 << chunkHeight(size, chunkSize);
}

/** Number of chunks the test set is revealed in. */
export function chunkCount(size, chunkSize) {
  return Math.ceil(size / chunkSamples(size, chunkSize));
}

/** A sample's record: uint8 label then its int8 inputs, as bytes. */
export function encodeRecord({ label, input }) {
  const record = new Uint8Array(1 + input.length);
  record[0] = label;
  for (let i = 0; i < input.length; i++) record[1 + i] = input[i] & 0xff;
  return record;
}

/** Leaf of sample `index`. */
export function leafHash(index, record) {
  const bytes = new Uint8Array(4 + record.length);
  new DataView(bytes.buffer).setUint32(0, index, false);
  bytes.set(record, 4);
  return keccak256(bytes);
}

const hashPair = (left, right) => keccak256(concat([left, right]));

/**
 * The tree over `samples` ({label, input}[]): `levels[0]` are the padded leaves, the last level the root.
 * Returns { root, depth, levels, records }.
 */
export function buildTestSetTree(samples) {
  return buildPositionalTree(samples.map(encodeRecord));
}

/**
 * The positional tree whose leaf i is keccak256(uint32 i || records[i]) (test-set samples, or the rows of a
 * large model: docs/evaluation.md §11). Returns { root, depth, levels, records }.
 */
export function buildPositionalTree(records) {
  const depth = treeDepth(records.length);
  let level = records.map((record, i) => leafHash(i, record));
  while (level.length < 1 << depth) level.push(ZeroHash);
  const levels = [level];
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(hashPair(level[i], level[i + 1]));
    levels.push(next);
    level = next;
  }
  return { root: level[0], depth, levels, records };
}

/** Siblings of node `index` at level `fromLevel` up to the root. */
export function proofFrom(tree, fromLevel, index) {
  const proof = [];
  for (let level = fromLevel; level < tree.depth; level++, index >>= 1) proof.push(tree.levels[level][index ^ 1]);
  return proof;
}

/** A sample with its proof, as OptimisticVerifier.Sample. */
export function sampleWithProof(tree, index) {
  return { index, record: hexlify(tree.records[index]), proof: proofFrom(tree, 0, index) };
}

/** Calldata of chunk `chunkIndex`: the concatenated records and the proof of its subtree root. */
export function chunkReveal(tree, chunkSize, chunkIndex) {
  const size = tree.records.length;
  const height = chunkHeight(size, chunkSize);
  const first = chunkIndex << height;
  const last = Math.min(first + (1 << height), size);
  return { records: hexlify(concat(tree.records.slice(first, last))), proof: proofFrom(tree, height, chunkIndex) };
}

/** The labels digest the contract holds once all chunks are revealed. */
export function labelsDigest(labels, size, chunkSize) {
  const step = chunkSamples(size, chunkSize);
  let digest = ZeroHash;
  for (let start = 0; start < labels.length; start += step) {
    digest = keccak256(concat([digest, Uint8Array.from(labels.slice(start, start + step))]));
  }
  return digest;
}

/** The commitment a trainer posts: keccak256(abi.encode(modelHash, salt, trainer, taskId)). */
export function modelCommitment(modelHash, salt, trainer, taskId) {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32", "address", "uint256"], [modelHash, salt, trainer, taskId]),
  );
}

