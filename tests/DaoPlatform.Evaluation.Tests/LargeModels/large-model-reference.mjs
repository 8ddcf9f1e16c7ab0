// What scripts/lib/evaluation.mjs computes for a large model, as JSON, for LargeModelReferenceTests.cs:
//   node large-model-reference.mjs <model file> <input hex> <claimed trace hex> <max chunk bytes>
import { readFileSync } from "node:fs";
import { getBytes, hexlify, keccak256 } from "ethers";
import { decodeModel, encodeTrace, firstWrongNeuron, modelChunks, modelRowsTree, rowProof, trace } from "../../../scripts/lib/evaluation.mjs";

const [modelFile, inputHex, claimedHex, maxBytes] = process.argv.slice(2);
const model = decodeModel(readFileSync(modelFile));
const tree = modelRowsTree(model);
const outputs = trace(model, inputHex);
// Decodes the claimed trace as the contract reads it: hidden bytes unsigned, logits int32 big-endian.
const claimedBytes = getBytes(claimedHex);
const view = new DataView(claimedBytes.buffer);
let offset = 0;
const claimed = model.dims.slice(1).map((width, l) =>
  Array.from({ length: width }, () => {
    if (l < model.dims.length - 2) return claimedBytes[offset++];
    offset += 4;
    return view.getInt32(offset - 4, false);
  }),
);
const rows = tree.records.map((_, r) => rowProof(tree, r));
console.log(
  JSON.stringify({
    header: tree.header,
    rowsRoot: tree.rowsRoot,
    modelRoot: tree.modelRoot,
    rows,
    chunks: [...modelChunks(tree, Number(maxBytes))].map(({ firstRow, height, rows: bytes, proof }) => ({ firstRow, height, rowsHash: keccak256(bytes), proof })),
    trace: hexlify(encodeTrace(outputs)),
    firstWrong: firstWrongNeuron(model, inputHex, claimed),
  }),
);
