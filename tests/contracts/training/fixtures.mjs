// Shared fixtures for the TrainingTasks and OptimisticVerifier tests: deployment, a seeded scenario of
// tiny real models and a committed test set, and helpers that drive a task through its phases.
import { concat, getCreateAddress, hexlify, id, keccak256, parseEther, ZeroAddress } from "ethers";
import { createRng, encodeModel, predict, randomDataset, randomModel } from "../../../scripts/lib/evaluation.mjs";
import { buildTestSetTree, chunkCount, chunkReveal, modelCommitment } from "../../../scripts/lib/test-set.mjs";
import { rawSha256Cid } from "../registry/cid.mjs";

export const CHALLENGE_WINDOW = 86_400n; // OptimisticVerifier.MIN_CHALLENGE_WINDOW
export const MIN_BOND = parseEther("1");
export const CHALLENGER_SHARE_BPS = 4000n;
export const REWARD = parseEther("10");
// Seven other slots must forfeit at least the reward: 7 x 2 >= 10 (TrainingTasks.StakeTooLow).
export const STAKE = parseEther("2");

/**
 * Deploys TrainingTasks, OptimisticVerifier and AssetRegistry (the tasks contract learns the verifier's and the
 * registry's addresses from the deployer's next nonces) and a test token. Signers: deployer, governance,
 * treasury, then users.
 */
export async function deployProtocol(ethers) {
  const [deployer, governance, treasury, submitter, alice, bob, carol, evaluator, challenger, outsider] =
    await ethers.getSigners();
  const nonce = await deployer.getNonce();
  const verifierAddress = getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
  const registryAddress = getCreateAddress({ from: deployer.address, nonce: nonce + 2 });
  const tasks = await ethers.deployContract("TrainingTasks", [verifierAddress, registryAddress]);
  const verifier = await ethers.deployContract("OptimisticVerifier", [
    tasks,
    governance.address,
    CHALLENGE_WINDOW,
    MIN_BOND,
    CHALLENGER_SHARE_BPS,
    treasury.address,
  ]);
  const registry = await ethers.deployContract("AssetRegistry", [tasks]);
  const token = await ethers.deployContract("TestToken");
  for (const user of [submitter, alice, bob, carol, evaluator, challenger]) {
    await token.mint(user.address, parseEther("1000"));
    await token.connect(user).approve(tasks, parseEther("1000"));
    await token.connect(user).approve(verifier, parseEther("1000"));
  }
  return {
    tasks,
    verifier,
    registry,
    token,
    deployer,
    governance,
    treasury,
    submitter,
    trainers: [alice, bob, carol],
    evaluator,
    challenger,
    outsider,
  };
}

/**
 * A seeded scenario: `models` random models of `dims` and a random test set of `size` samples, labelled by
 * the predictions of model `trainedModel` (it scores every sample, so it clears any baseline), or at random
 * when `trainedModel` is null.
 */
export function makeScenario(seed, { dims = [8, 4, 3], models = 3, size = 10, trainedModel = 0 } = {}) {
  const rng = createRng(seed);
  const dataset = randomDataset(rng, dims[0], size, dims.at(-1));
  const encoded = Array.from({ length: models }, () => encodeModel(randomModel(rng, dims)));
  const scenario = {
    dims,
    samples: dataset.samples,
    models: encoded,
    salts: Array.from({ length: models }, (_, m) => id(`salt ${seed} ${m}`)),
  };
  return trainedModel === null ? withLabels(scenario, scenario.samples) : labelledBy(scenario, trainedModel);
}

/** `scenario` with its test set relabelled by the predictions of model `m`. */
export function labelledBy(scenario, m) {
  const samples = scenario.samples.map(({ input }) => ({ input, label: predict(scenario.models[m], input) }));
  return withLabels(scenario, samples);
}

const withLabels = (scenario, samples) => ({ ...scenario, samples, tree: buildTestSetTree(samples) });

/** The least baseline a task accepts: one more than a constant prediction scores on a balanced test set. */
export const minScoreFor = (scenario) => Math.floor(scenario.samples.length / scenario.dims.at(-1)) + 1;

/** Seconds between a task's deadlines in the fixtures: TrainingTasks.MIN_WINDOW (one day) and a margin. */
export const WINDOW = 86_400 + 1000;

/** Task terms for `scenario` opening now; deadlines WINDOW apart. */
export async function taskConfigFor(ethers, scenario, overrides = {}) {
  const now = (await ethers.provider.getBlock("latest")).timestamp;
  return {
    token: ZeroAddress,
    reward: REWARD,
    stake: STAKE,
    testSetRoot: scenario.tree.root,
    testSetSize: scenario.samples.length,
    inputSize: scenario.dims[0],
    classes: scenario.dims.at(-1),
    chunkSize: 4,
    maxTrainers: 8,
    maxLayers: 3,
    maxMacs: 1000,
    maxModelBytes: 1000,
    commitDeadline: now + WINDOW,
    revealDeadline: now + 2 * WINDOW,
    testSetRevealDeadline: now + 3 * WINDOW,
    minScore: minScoreFor(scenario),
    ...overrides,
  };
}

/** ETH to send with a payment of `amount` in `config.token`. */
export const valueFor = (config, amount) => (config.token === ZeroAddress ? amount : 0n);

/** Creates a task and returns its id. */
export async function createTask(tasks, submitter, config) {
  const receipt = await (
    await tasks.connect(submitter).createTask(config, { value: valueFor(config, config.reward) })
  ).wait();
  const log = receipt.logs.map((l) => tasks.interface.parseLog(l)).find((l) => l?.name === "TaskCreated");
  return log.args.taskId;
}

/** Commits model `m` of the scenario for `trainer`. */
export async function commitModel(tasks, trainer, taskId, config, scenario, m) {
  const commitment = modelCommitment(keccak256(scenario.models[m]), scenario.salts[m], trainer.address, taskId);
  return tasks.connect(trainer).commit(taskId, commitment, { value: valueFor(config, config.stake) });
}

/** Reveals model `m` of the scenario for `trainer`. */
export function revealModel(tasks, trainer, taskId, scenario, m) {
  return tasks.connect(trainer).reveal(taskId, scenario.salts[m], `ipfs://model-${m}`, scenario.models[m]);
}

/** Reveals every chunk of the scenario's test set; returns the transactions. */
export async function revealTestSet(tasks, revealer, taskId, config, scenario) {
  const chunks = chunkCount(scenario.samples.length, config.chunkSize);
  const txs = [];
  for (let c = 0; c < chunks; c++) {
    const { records, proof } = chunkReveal(scenario.tree, config.chunkSize, c);
    txs.push(await tasks.connect(revealer).revealTestSetChunk(taskId, c, records, proof));
  }
  return txs;
}

/**
 * Drives a task to the evaluation phase: create, trainer i commits model i, the `revealing` trainers
 * reveal, the test set is revealed. Returns { taskId, config, revealed: model indexes in commit order }.
 */
export async function taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, options = {}) {
  const { tasks, submitter, trainers } = protocol;
  const { overrides = {}, revealing = scenario.models.map((_, m) => m), committing = scenario.models.length } =
    options;
  const config = await taskConfigFor(ethers, scenario, overrides);
  const taskId = await createTask(tasks, submitter, config);
  for (let m = 0; m < committing; m++) await commitModel(tasks, trainers[m], taskId, config, scenario, m);
  await networkHelpers.time.increaseTo(config.commitDeadline);
  for (const m of revealing) await revealModel(tasks, trainers[m], taskId, scenario, m);
  await networkHelpers.time.increaseTo(config.revealDeadline);
  await revealTestSet(tasks, submitter, taskId, config, scenario);
  return { taskId, config, revealed: [...revealing].sort((a, b) => a - b) };
}

/** Result.winner when no model reaches the baseline. */
export const NO_WINNER = 2n ** 256n - 1n;

/**
 * The honest evaluation of the revealed models: per-model predictions (Uint8Array), scores and winner (the
 * first highest score if it reaches `minScore`, else NO_WINNER).
 */
export function honestEvaluation(scenario, revealed, minScore = minScoreFor(scenario)) {
  const predictions = revealed.map((m) =>
    Uint8Array.from(scenario.samples.map(({ input }) => predict(scenario.models[m], input))),
  );
  const scores = predictions.map((p) => p.reduce((n, v, i) => n + (v === scenario.samples[i].label ? 1 : 0), 0));
  return { predictions, scores, winner: winnerOf(scores, minScore) };
}

/** An evaluation with these `predictions` and the scores and winner that agree with them. */
export function consistentEvaluation(scenario, predictions) {
  const scores = predictions.map((p) => p.reduce((n, v, i) => n + (v === scenario.samples[i].label ? 1 : 0), 0));
  return { predictions, scores, winner: winnerOf(scores, minScoreFor(scenario)) };
}

/** Index of the first highest score, or NO_WINNER when it is below `minScore`. */
export function winnerOf(scores, minScore) {
  const best = scores.reduce((best, s, i) => (s > scores[best] ? i : best), 0);
  return scores[best] >= minScore ? best : NO_WINNER;
}

/** Arguments for postResult and the Result struct the challenges repeat. */
export function resultCalldata({ predictions, scores, winner }) {
  return {
    scores,
    winner,
    predictions: hexlify(concat(predictions)),
    result: { scores, predictionHashes: predictions.map((p) => keccak256(p)), winner },
  };
}

/**
 * Posts `evaluation` for `taskId` from `evaluator` with the required bond: ETH as value, or, with
 * `erc20: true`, the task's token through the allowance deployProtocol gave. Returns the calldata used.
 */
export async function postEvaluation(verifier, evaluator, taskId, evaluation, { erc20 = false } = {}) {
  const call = resultCalldata(evaluation);
  const value = erc20 ? 0n : await verifier.requiredBond(taskId);
  await verifier.connect(evaluator).postResult(taskId, call.scores, call.winner, call.predictions, { value });
  return call;
}

/** The revealed labels of the scenario, one byte each. */
export const labelsOf = (scenario) => hexlify(Uint8Array.from(scenario.samples.map((s) => s.label)));

/** ETH spent on gas by a transaction response. */
export async function gasCost(txResponse) {
  const receipt = await txResponse.wait();
  return receipt.gasUsed * receipt.gasPrice;
}

/** AssetRegistry.AssetKind. */
export const Kind = { Model: 0, Dataset: 1, Code: 2 };

/** Registers `bytes` as an asset of `kind` owned by `owner`, through the two-step path for unseen content. */
export async function registerAsset(registry, owner, bytes, kind = Kind.Model) {
  const contentHash = keccak256(bytes);
  const salt = id(`asset ${contentHash}`);
  const commitment = await registry.registrationCommitment(contentHash, owner.address, salt, owner.address);
  await registry.connect(owner).commitRegistration(commitment);
  await registry
    .connect(owner)
    .registerCommitted(kind, contentHash, rawSha256Cid(bytes), `ipfs://meta/${contentHash}`, owner.address, salt);
  return registry.tokenOfContent(contentHash);
}
