// Gas of QuantizedMlp on the Hardhat EVM: one-sample predict() and validate() for the
// reference architectures. Run: npx hardhat run scripts/bench/gas-interpreter.mjs
import { network } from "hardhat";
import { hexlify } from "ethers";
import { createRng, encodeModel, predict, randomInt8s, randomModel } from "../lib/evaluation.mjs";

const ARCHITECTURES = [
  [784, 32, 10],
  [784, 64, 32, 10],
  [784, 16, 10],
  [4096, 4, 2],
];
const SAMPLES = 5;

const { ethers } = await network.create();
const harness = await ethers.deployContract("QuantizedMlpHarness");
const rng = createRng(2026);

const rows = [];
for (const dims of ARCHITECTURES) {
  const model = encodeModel(randomModel(rng, dims));
  const macs = dims.slice(1).reduce((sum, dim, l) => sum + dim * dims[l], 0);
  const validateGas = await harness.validateGas(model);
  const validateTx = await harness.validate.estimateGas(model);
  let predictGas = 0n;
  let predictTx = 0n;
  for (let s = 0; s < SAMPLES; s++) {
    const input = randomInt8s(rng, dims[0]);
    const inputHex = hexlify(Uint8Array.from(input, (v) => v & 0xff));
    const [prediction, gasUsed] = await harness.predictGas(model, inputHex);
    if (Number(prediction) !== predict(model, input)) throw new Error(`prediction mismatch on ${dims.join("-")}`);
    predictGas += gasUsed;
    predictTx += await harness.predict.estimateGas(model, inputHex);
  }
  rows.push({
    architecture: dims.join("-"),
    bytes: model.length,
    macs,
    predictGas: predictGas / BigInt(SAMPLES),
    predictTx: predictTx / BigInt(SAMPLES),
    validateGas,
    validateTx,
  });
}

const fmt = (n) => BigInt(n).toLocaleString("en-US");
console.log("| model | bytes | MACs | predict() gas | predict tx (estimateGas) | gas/MAC | validate() gas | validate tx (estimateGas) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const perMac = (Number(r.predictGas) / r.macs).toFixed(2);
  console.log(
    `| ${r.architecture} | ${fmt(r.bytes)} | ${fmt(r.macs)} | ${fmt(r.predictGas)} | ${fmt(r.predictTx)} | ${perMac} | ${fmt(r.validateGas)} | ${fmt(r.validateTx)} |`,
  );
}
console.log(`\npredict() gas: library call only (gasleft() around it), mean of ${SAMPLES} random inputs;`);
console.log("tx figures: eth_estimateGas of a call to the harness: 21,000 + calldata (EIP-7623 floor, 40 gas per non-zero byte) + ABI decoding.");
