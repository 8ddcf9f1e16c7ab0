// Gas of the training-task protocol on an OP-mode anvil node: commit, reveal (model bytes in calldata),
// test-set reveal, posting a result and each kind of dispute, for 784-32-10 and 784-64-32-10 models and
// test sets of 1,000 and 10,000 samples. Prints a markdown table.
// Run: npx anvil --chain-id 10 --optimism --port 8545 --host 127.0.0.1 &
//      DEVNET_RPC_URL=http://127.0.0.1:8545 npx hardhat run scripts/bench/gas-training.mjs --network devnet
import { network } from "hardhat";
import { concat, getBytes, getCreateAddress, hexlify, id, keccak256, parseEther, ZeroAddress } from "ethers";
import { createRng, encodeModel, predict, randomDataset, randomModel } from "../lib/evaluation.mjs";
import { buildTestSetTree, chunkCount, chunkReveal, modelCommitment, sampleWithProof } from "../lib/test-set.mjs";

const ARCHITECTURES = [
  [784, 32, 10],
  [784, 64, 32, 10],
];
const TEST_SET_SIZES = [1_000, 10_000];
const CHUNK_SIZE = 64; // 64 MNIST records = 50,240 bytes per transaction
const DAY = 86_400;
const WINDOW = DAY; // the shortest challenge window (OptimisticVerifier.MIN_CHALLENGE_WINDOW)
const MIN_BOND = parseEther("1");
const NO_WINNER = 2n ** 256n - 1n;

const { ethers } = await network.create();
const [deployer, treasury, submitter, evaluator, challenger, ...trainers] = await ethers.getSigners();
const rpc = (method, params = []) => ethers.provider.send(method, params);
const advance = async (seconds) => {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine");
};

const nonce = await deployer.getNonce();
const tasks = await ethers.deployContract("TrainingTasks", [getCreateAddress({ from: deployer.address, nonce: nonce + 1 })]);
await tasks.waitForDeployment();
// The deployer stands in for the governance timelock.
const verifier = await ethers.deployContract("OptimisticVerifier", [tasks, deployer.address, WINDOW, MIN_BOND, 5000, treasury.address]);
await verifier.waitForDeployment();

const rows = [];
async function measure(operation, model, testSet, txPromise) {
  const tx = await txPromise;
  const receipt = await tx.wait();
  const calldata = getBytes(tx.data).length;
  rows.push({ operation, model, testSet, gas: receipt.gasUsed, calldata });
  return receipt;
}

const rng = createRng(784);
const models = ARCHITECTURES.map((dims) => encodeModel(randomModel(rng, dims)));
const names = ARCHITECTURES.map((dims) => dims.join("-"));

for (const size of TEST_SET_SIZES) {
  const { samples } = randomDataset(rng, 784, size, 10);
  const tree = buildTestSetTree(samples);
  const now = (await ethers.provider.getBlock("latest")).timestamp;
  const config = {
    token: ZeroAddress,
    reward: parseEther("1"),
    stake: parseEther("1"), // (maxTrainers - 1) x stake covers the reward
    testSetRoot: tree.root,
    testSetSize: size,
    inputSize: 784,
    classes: 10,
    chunkSize: CHUNK_SIZE,
    maxTrainers: 2,
    maxLayers: 3,
    maxMacs: 100_000,
    maxModelBytes: 100_000,
    commitDeadline: now + DAY + 1000,
    revealDeadline: now + 2 * DAY + 2000,
    testSetRevealDeadline: now + 4 * DAY,
    minScore: size / 10 + 1, // the least baseline: one more than a constant prediction on a balanced set
  };
  const created = await measure("createTask", "-", size, tasks.connect(submitter).createTask(config, { value: config.reward }));
  const taskId = tasks.interface.parseLog(created.logs[0]).args.taskId;

  const salts = models.map((_, m) => id(`bench salt ${m}`));
  for (let m = 0; m < models.length; m++) {
    const commitment = modelCommitment(keccak256(models[m]), salts[m], trainers[m].address, taskId);
    await measure("commit", names[m], size, tasks.connect(trainers[m]).commit(taskId, commitment, { value: config.stake }));
  }
  await advance(DAY + 1000);
  for (let m = 0; m < models.length; m++) {
    await measure("reveal (model bytes in calldata)", names[m], size, tasks.connect(trainers[m]).reveal(taskId, salts[m], "ipfs://bafk...", models[m]));
  }
  await advance(DAY + 1000);

  let chunkGas = 0n;
  let chunkBytes = 0;
  const chunks = chunkCount(size, CHUNK_SIZE);
  for (let c = 0; c < chunks; c++) {
    const { records, proof } = chunkReveal(tree, CHUNK_SIZE, c);
    const tx = await tasks.connect(submitter).revealTestSetChunk(taskId, c, records, proof);
    chunkGas += (await tx.wait()).gasUsed;
    chunkBytes += getBytes(records).length;
  }
  rows.push({ operation: `test-set reveal, ${chunks} txs (total)`, model: "-", testSet: size, gas: chunkGas, calldata: chunkBytes });
  rows.push({ operation: "test-set reveal per KiB of records", model: "-", testSet: size, gas: (chunkGas * 1024n) / BigInt(chunkBytes), calldata: 1024 });

  const predictions = models.map((model) => Uint8Array.from(samples.map(({ input }) => predict(model, input))));
  const labels = Uint8Array.from(samples.map((s) => s.label));
  const scores = predictions.map((p) => p.reduce((n, v, i) => n + (v === labels[i] ? 1 : 0), 0));
  const best = scores[1] > scores[0] ? 1 : 0;
  const winner = scores[best] >= config.minScore ? best : NO_WINNER;
  const post = async (lie, operation) => {
    const result = { scores: lie.scores, predictionHashes: lie.predictions.map((p) => keccak256(p)), winner: lie.winner };
    const bond = await verifier.requiredBond(taskId);
    const tx = verifier.connect(evaluator).postResult(taskId, lie.scores, lie.winner, hexlify(concat(lie.predictions)), { value: bond });
    if (operation) await measure(operation, "both", size, tx);
    else await (await tx).wait();
    return result;
  };
  const honest = { predictions, scores, winner };

  for (let m = 0; m < models.length; m++) {
    const wrong = predictions.map((p) => Uint8Array.from(p));
    wrong[m][0] = (wrong[m][0] + 1) % 10;
    const result = await post({ ...honest, predictions: wrong }, m === 0 ? `post result (${models.length} models)` : undefined);
    await measure("dispute: wrong prediction", names[m], size,
      verifier.connect(challenger).challengePrediction(taskId, result, m, wrong[m], models[m], sampleWithProof(tree, 0)));
  }
  {
    const result = await post({ ...honest, scores: [scores[0] + 1, scores[1]] });
    await measure("dispute: wrong score", "-", size, verifier.connect(challenger).challengeScore(taskId, result, 0, predictions[0], labels));
  }
  {
    const result = await post({ ...honest, winner: winner === 0 ? 1 : 0 });
    await measure("dispute: wrong winner", "-", size, verifier.connect(challenger).challengeWinner(taskId, result));
  }
  await post(honest);
  await advance(WINDOW);
  await measure("finalize", "-", size, verifier.finalize(taskId));
}

// The largest result a task allows: MAX_POSTED_PREDICTIONS = 12 models x 10,000 samples. Gas does not depend
// on whether predictions are right, so small 784-2-10 models and random predictions stand in.
{
  const size = 10_000;
  const count = 12;
  const { samples } = randomDataset(rng, 784, size, 10);
  const tree = buildTestSetTree(samples);
  const now = (await ethers.provider.getBlock("latest")).timestamp;
  const config = {
    token: ZeroAddress,
    reward: parseEther("1"),
    stake: parseEther("0.1"),
    testSetRoot: tree.root,
    testSetSize: size,
    inputSize: 784,
    classes: 10,
    chunkSize: CHUNK_SIZE,
    maxTrainers: count,
    maxLayers: 1,
    maxMacs: 100_000,
    maxModelBytes: 100_000,
    commitDeadline: now + DAY + 1000,
    revealDeadline: now + 2 * DAY + 2000,
    testSetRevealDeadline: now + 4 * DAY,
    minScore: size / 10 + 1,
  };
  const created = await (await tasks.connect(submitter).createTask(config, { value: config.reward })).wait();
  const taskId = tasks.interface.parseLog(created.logs[0]).args.taskId;
  const small = Array.from({ length: count }, () => encodeModel(randomModel(rng, [784, 10])));
  const wallets = [];
  for (let m = 0; m < count; m++) {
    const wallet = ethers.Wallet.createRandom().connect(ethers.provider);
    await (await deployer.sendTransaction({ to: wallet.address, value: parseEther("1") })).wait();
    const commitment = modelCommitment(keccak256(small[m]), id(`max ${m}`), wallet.address, taskId);
    await (await tasks.connect(wallet).commit(taskId, commitment, { value: config.stake })).wait();
    wallets.push(wallet);
  }
  await advance(DAY + 1000);
  for (let m = 0; m < count; m++) await (await tasks.connect(wallets[m]).reveal(taskId, id(`max ${m}`), "", small[m])).wait();
  await advance(DAY + 1000);
  for (let c = 0; c < chunkCount(size, CHUNK_SIZE); c++) {
    const { records, proof } = chunkReveal(tree, CHUNK_SIZE, c);
    await (await tasks.connect(submitter).revealTestSetChunk(taskId, c, records, proof)).wait();
  }
  const predictions = Uint8Array.from({ length: count * size }, () => rng.int(0, 9));
  const scores = Array.from({ length: count }, () => rng.int(0, size));
  await measure(`post result (${count} models, the maximum)`, "any", size,
    verifier.connect(evaluator).postResult(taskId, scores, 0, predictions, { value: await verifier.requiredBond(taskId) }));
}

const fmt = (n) => BigInt(n).toLocaleString("en-US");
console.log("| operation | model | test set | gas | calldata bytes |");
console.log("|---|---|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.operation} | ${r.model} | ${fmt(r.testSet)} | ${fmt(r.gas)} | ${fmt(r.calldata)} |`);
const block = await ethers.provider.getBlock("latest");
console.log(`\nBlock gas limit of this node: ${fmt(block.gasLimit)}. Every figure above is one transaction except the test-set total.`);
console.log("For comparison: fitting a linear regression to nine points inside a contract was reported at about");
console.log("276 million gas (about $9,600, June 2023). Bisection disputes (OP Stack fault proofs, opML) take many");
console.log("interactive rounds; each dispute here settles in one transaction.");
