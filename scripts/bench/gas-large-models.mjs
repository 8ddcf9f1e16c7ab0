// Gas of large-model tasks (docs/training-tasks.md §8) on an OP-mode anvil node, at the format's limits, for a
// 784-4096-4096-10 model and the widest 8-layer model a task accepts (4096 inputs, seven hidden layers of 4096,
// 256 classes: MAX_CLASSES): entering the model as its commitment (§8.5, the honest case: commit +
// commitLargeModel), a challenge and the resolution of a full and of the last availability chunk, and every
// move of the prediction game; then the availability game at its limits on the shape with the largest chunk
// (512 rows of 128 bytes), an unresolved challenge slashed included. With BENCH_PUBLISH=1 the models are
// instead published in full (§8.1, the path before issue 20) and revealed by root. Prints a markdown table.
// Run: npx anvil --chain-id 10 --optimism --port 8545 --host 127.0.0.1 &
//      DEVNET_RPC_URL=http://127.0.0.1:8545 npx hardhat run scripts/bench/gas-large-models.mjs --network devnet
import { network } from "hardhat";
import { advance, deployTrainingProtocol } from "../lib/bench-training.mjs";
import { getBytes, hexlify, id, keccak256, parseEther, ZeroAddress } from "ethers";
import {
  availabilityChunk,
  availabilityChunkCount,
  availabilityHeight,
  createRng,
  encodeTrace,
  modelChunks,
  modelRowsTree,
  randomDataset,
  randomModel,
  rowProof,
  trace,
} from "../lib/evaluation.mjs";
import { buildTestSetTree, chunkCount, chunkReveal, modelCommitment, sampleWithProof } from "../lib/test-set.mjs";

const ARCHITECTURES = [
  [784, 4096, 4096, 10],
  [4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096, 256],
];
const TEST_SET_SIZE = 16; // the game's gas depends on the test set only through one sample's proof
const DAY = 86_400;
const WINDOW = DAY + 100;
const MIN_BOND = parseEther("1");
const PUBLISH = process.env.BENCH_PUBLISH === "1";
/** The shape whose availability chunk is the largest the rules allow: 512 rows of 128 bytes (65,536 bytes). */
const WIDEST_CHUNK = [124, 124, 124, 124, 124, 124, 124, 124, 2];

const { ethers } = await network.create();
const [deployer, treasury, submitter, evaluator, challenger, trainer] = await ethers.getSigners();
const { tasks, verifier } = await deployTrainingProtocol(ethers, deployer, {
  window: DAY,
  minBond: MIN_BOND,
  shareBps: 4000,
  treasury: treasury.address,
});

// A fixed gas limit: eth_estimateGas under the EIP-7623 calldata floor can return too little for a transaction
// whose calldata dominates (its execution then runs out of gas). gasUsed, what the table shows, is unaffected.
const GAS = { gasLimit: 10_000_000 };

/** Sends a transaction and returns its receipt (anvil mines each transaction as it arrives). */
async function mined(txPromise) {
  const tx = await txPromise;
  const receipt = (await ethers.provider.getTransactionReceipt(tx.hash)) ?? (await tx.wait());
  if (receipt.status !== 1) throw new Error(`transaction ${tx.hash} reverted (${tx.data.slice(0, 10)})`);
  return receipt;
}

const fmt = (n) => BigInt(n).toLocaleString("en-US");
console.log("| operation | model | gas | calldata bytes |");
console.log("|---|---|---:|---:|");
const row = (r) => console.log(`| ${r.operation} | ${r.model} | ${fmt(r.gas)} | ${fmt(r.calldata)} |`);
async function measure(operation, model, txPromise) {
  const tx = await txPromise;
  const receipt = await mined(tx);
  row({ operation, model, gas: receipt.gasUsed, calldata: getBytes(tx.data).length });
  return receipt;
}

/** The path before issue 20: publishes every chunk in order, then reveals by root. Returns the chunk count. */
async function publishAndReveal(name, taskId, salt, tree) {
  await measure("claimModelAuthorship", name, tasks.connect(trainer).claimModelAuthorship(taskId, salt, tree.modelRoot, GAS));
  let publishGas = 0n;
  let largestChunk = { gas: 0n, calldata: 0 };
  let rowBytes = 0;
  let chunksSent = 0;
  for (const { firstRow, height, rows: chunkRows, proof } of modelChunks(tree)) {
    chunksSent++;
    const tx = await tasks.connect(trainer).publishModelChunk(tree.header, tree.rowsRoot, firstRow, height, chunkRows, proof, GAS);
    const { gasUsed } = await mined(tx);
    publishGas += gasUsed;
    rowBytes += getBytes(chunkRows).length;
    if (gasUsed > largestChunk.gas) largestChunk = { gas: gasUsed, calldata: getBytes(tx.data).length };
  }
  row({ operation: `publish the model: ${chunksSent} txs (total)`, model: name, gas: publishGas, calldata: rowBytes });
  row({ operation: "publish: costliest chunk (one tx)", model: name, ...largestChunk });
  row({ operation: "publish per MiB of model", model: name, gas: (publishGas * 1_048_576n) / BigInt(rowBytes), calldata: 1_048_576 });
  await measure("revealLargeModel", name, tasks.connect(trainer).revealLargeModel(taskId, salt, "ipfs://bafk...", tree.header, tree.rowsRoot, GAS));
  return chunksSent;
}

/**
 * The availability game at its limits: a model of WIDEST_CHUNK entered as its commitment; its first chunk (512 rows,
 * 65,536 bytes: the largest any shape has) challenged and resolved; another challenged, left unresolved and slashed.
 */
async function availabilityAtLimits() {
  const dims = WIDEST_CHUNK;
  const name = dims.join("-");
  const tree = modelRowsTree(randomModel(createRng(124), dims));
  const { samples } = randomDataset(createRng(125), dims[0], TEST_SET_SIZE, dims.at(-1));
  const now = (await ethers.provider.getBlock("latest")).timestamp;
  const config = {
    token: ZeroAddress,
    reward: parseEther("1"),
    stake: parseEther("1"),
    testSetRoot: buildTestSetTree(samples).root,
    testSetSize: TEST_SET_SIZE,
    inputSize: dims[0],
    classes: dims.at(-1),
    chunkSize: 16,
    maxTrainers: 1,
    maxLayers: dims.length - 1,
    maxMacs: dims.slice(1).reduce((n, d, l) => n + d * dims[l], 0),
    maxModelBytes: 200_000,
    commitDeadline: now + WINDOW,
    revealDeadline: now + 2 * WINDOW,
    testSetRevealDeadline: now + 3 * WINDOW,
    minScore: Math.floor(TEST_SET_SIZE / dims.at(-1)) + 1,
  };
  const created = await mined(tasks.connect(submitter).createTask(config, { value: config.reward }));
  const taskId = tasks.interface.parseLog(created.logs[0]).args.taskId;
  const salt = id(`bench ${name}`);
  await mined(tasks.connect(trainer).commit(taskId, modelCommitment(tree.modelRoot, salt, trainer.address, taskId), { value: config.stake }));
  await advance(ethers, WINDOW);
  const chunks = availabilityChunkCount(dims);
  await measure(`commitLargeModel (${chunks} chunks of ${2 ** availabilityHeight(dims)} rows)`, name,
    tasks.connect(trainer).commitLargeModel(taskId, salt, "ipfs://bafy...", tree.header, tree.rowsRoot, "bafybei...", chunks, GAS));
  const availability = await ethers.getContractAt("ModelAvailability", await tasks.availability());
  const bond = await availability.challengeBond();
  await measure("challengeChunk", name, availability.connect(challenger).challengeChunk(taskId, 0, 0, { value: bond, ...GAS }));
  const { rows: chunkRows, proof } = availabilityChunk(tree, dims, 0);
  await measure(`resolveChunk: the largest chunk any shape has (${fmt(getBytes(chunkRows).length)} B, 512 rows)`, name,
    availability.connect(trainer).resolveChunk(taskId, 0, 0, tree.header, chunkRows, proof, GAS));
  await mined(availability.connect(challenger).challengeChunk(taskId, 0, 1, { value: bond, ...GAS }));
  await advance(ethers, DAY);
  await measure("slashUnavailable (stake split, model excluded)", name, availability.connect(challenger).slashUnavailable(taskId, 0, 1, GAS));
}

const rng = createRng(4096);
for (const dims of ARCHITECTURES) {
  const name = dims.length > 5 ? `8 x 4096 (${dims[0]}-4096x7-${dims.at(-1)})` : dims.join("-");
  const started = Date.now();
  const model = randomModel(rng, dims);
  const tree = modelRowsTree(model);
  const modelBytes = tree.records.reduce((n, r) => n + r.length, 0) + getBytes(tree.header).length;
  const macs = dims.slice(1).reduce((n, d, l) => n + d * dims[l], 0);
  const { samples } = randomDataset(rng, dims[0], TEST_SET_SIZE, dims.at(-1));
  const testSet = buildTestSetTree(samples);
  const classes = dims.at(-1);

  const now = (await ethers.provider.getBlock("latest")).timestamp;
  const config = {
    token: ZeroAddress,
    reward: parseEther("1"),
    stake: parseEther("1"),
    testSetRoot: testSet.root,
    testSetSize: TEST_SET_SIZE,
    inputSize: dims[0],
    classes,
    chunkSize: 16,
    maxTrainers: 1,
    maxLayers: dims.length - 1,
    maxMacs: macs,
    maxModelBytes: modelBytes,
    commitDeadline: now + WINDOW,
    revealDeadline: now + 2 * WINDOW,
    testSetRevealDeadline: now + 3 * WINDOW,
    minScore: Math.floor(TEST_SET_SIZE / classes) + 1,
  };
  const created = await mined(tasks.connect(submitter).createTask(config, { value: config.reward }));
  const taskId = tasks.interface.parseLog(created.logs[0]).args.taskId;
  const salt = id(`bench ${name}`);
  const committed = await measure("commit", name, tasks.connect(trainer).commit(taskId, modelCommitment(tree.modelRoot, salt, trainer.address, taskId), { value: config.stake }));
  await advance(ethers, WINDOW);
  let chunksSent = 0;
  if (PUBLISH) chunksSent = await publishAndReveal(name, taskId, salt, tree);
  else {
    const chunks = availabilityChunkCount(dims);
    chunksSent = 2;
    const entered = await measure(
      `commitLargeModel (${chunks} availability chunks of ${2 ** availabilityHeight(dims)} rows)`,
      name,
      tasks.connect(trainer).commitLargeModel(taskId, salt, "ipfs://bafy...", tree.header, tree.rowsRoot, "bafybei...", chunks, GAS),
    );
    row({ operation: "**honest case: the model enters its task (total)**", model: name, gas: committed.gasUsed + entered.gasUsed, calldata: 0 });
    const availability = await ethers.getContractAt("ModelAvailability", await tasks.availability());
    for (const [chunk, what] of [[0, "a full chunk"], [chunks - 1, "the last chunk"]]) {
      const bond = await availability.challengeBond();
      await measure(`challengeChunk (${what})`, name, availability.connect(challenger).challengeChunk(taskId, 0, chunk, { value: bond, ...GAS }));
      const { rows: chunkRows, proof } = availabilityChunk(tree, dims, chunk);
      await measure(`resolveChunk (${what}, ${fmt(getBytes(chunkRows).length)} B of rows)`, name,
        availability.connect(trainer).resolveChunk(taskId, 0, chunk, tree.header, chunkRows, proof, GAS));
    }
  }

  await advance(ethers, WINDOW);
  for (let c = 0; c < chunkCount(TEST_SET_SIZE, config.chunkSize); c++) {
    const { records, proof } = chunkReveal(testSet, config.chunkSize, c);
    await mined(tasks.connect(submitter).revealTestSetChunk(taskId, c, records, proof));
  }
  // Results wait for the availability windows of a committed model (docs/training-tasks.md §8.5).
  if (!PUBLISH) await advance(ethers, 2 * DAY);

  // The disputed sample 0: its true trace and prediction; the other predictions do not matter to the game.
  const input = samples[0].input;
  const truth = trace(model, input);
  const z = truth.at(-1);
  const truePrediction = z.indexOf(Math.max(...z));
  const lie = (truePrediction + 1) % classes;
  const predictionsWith = (first) => Uint8Array.from({ length: TEST_SET_SIZE }, (_, i) => (i === 0 ? first : 0));
  const post = async (first) => {
    const predictions = predictionsWith(first);
    const scores = [0];
    const value = await verifier.requiredBond(taskId);
    await mined(verifier.connect(evaluator).postResult(taskId, scores, 2n ** 256n - 1n, predictions, { value, ...GAS }));
    return { result: { scores, predictionHashes: [keccak256(predictions)], winner: 2n ** 256n - 1n }, predictions };
  };
  const open = async ({ result, predictions }, operation) => {
    const tx = verifier.connect(challenger).openGame(taskId, result, 0, predictions, 0, { value: await verifier.gameBond(taskId), ...GAS });
    return operation ? measure(operation, name, tx) : mined(tx);
  };
  /** A trace predicting the lie: the true one with `layer`'s `neuron` changed (when given) and the lie's logit on top. */
  const forged = (layer, neuron) => {
    const layers = truth.map((v) => [...v]);
    if (layer !== undefined) layers[layer][neuron] = (layers[layer][neuron] + 1) % 128;
    const out = layers.at(-1);
    out[lie] = Math.max(...out) + 1;
    return encodeTrace(layers);
  };
  const answer = (posted, operation) => {
    const tx = verifier.connect(evaluator).answerGame(taskId, challenger, tree.header, tree.rowsRoot, posted, GAS);
    return operation ? measure(operation, name, tx) : mined(tx);
  };
  const prove = (posted, layer, neuron, operation) => {
    const firstRow = dims.slice(1, layer + 1).reduce((n, d) => n + d, 0);
    const neuronRow = { layer, neuron, ...rowProof(tree, firstRow + neuron) };
    const sample = layer === 0 ? sampleWithProof(testSet, 0) : { index: 0, record: "0x", proof: [] };
    const model = { header: tree.header, rowsRoot: tree.rowsRoot, trace: posted };
    return measure(operation, name, verifier.connect(challenger).proveNeuron(taskId, model, neuronRow, sample, GAS));
  };

  const lastLayer = dims.length - 2;
  // A lie caught at the output layer, at a middle hidden layer, and at the first layer.
  let posted = forged();
  await open(await post(lie), "game 1: openGame");
  await answer(posted, `game 2: answerGame (trace of ${hexlify(posted).length / 2 - 1} bytes)`);
  await prove(posted, lastLayer, lie, "game 3: proveNeuron, output layer (overturns)");
  const middle = Math.floor(lastLayer / 2);
  posted = forged(middle, 0);
  await open(await post(lie));
  await answer(posted);
  await prove(posted, middle, 0, `game 3: proveNeuron, layer ${middle} (overturns)`);
  posted = forged(0, 0);
  await open(await post(lie));
  await answer(posted);
  await prove(posted, 0, 0, "game 3: proveNeuron, layer 0 with the sample's proof (overturns)");
  // Timeouts: the evaluator silent; then the challenger silent after an honest answer.
  await open(await post(lie));
  await advance(ethers, DAY);
  await measure("timeoutGame: evaluator silent (overturns)", name, verifier.timeoutGame(taskId, challenger));
  await open(await post(truePrediction));
  await answer(encodeTrace(truth));
  await advance(ethers, DAY);
  await measure("timeoutGame: challenger silent (bond to the evaluator)", name, verifier.timeoutGame(taskId, challenger));
  console.error(`${name}: ${modelBytes.toLocaleString("en-US")} bytes, ${chunksSent} chunks, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (!PUBLISH) await availabilityAtLimits();

const block = await ethers.provider.getBlock("latest");
console.log(`\nBlock gas limit of this node: ${fmt(block.gasLimit)}. Every figure is one transaction except the publication totals.`);
