// Fixtures for large-model tasks (docs/training-tasks.md §8): models committed to by their row commitment,
// published in chunks, revealed by root; and the prediction game's moves.
import { availabilityChunkCount, modelChunks, modelRowsTree, rowProof } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment, sampleWithProof } from "../../../scripts/lib/test-set.mjs";
import { id } from "ethers";
import { createTask, makeScenario, revealTestSet, taskConfigFor, valueFor } from "./fixtures.mjs";

/** maxModelBytes of a task that opts in to large models: one more than TrainingTasks.MAX_MODEL_BYTES. */
export const LARGE_MODEL_BYTES = 100_001;

/** Publishes every chunk of the model whose row tree is `tree`, from `publisher`; returns the transactions. */
export async function publishModel(tasks, publisher, tree, maxBytes = 100_000) {
  const txs = [];
  for (const { firstRow, height, rows, proof } of modelChunks(tree, maxBytes)) {
    txs.push(await tasks.connect(publisher).publishModelChunk(tree.header, tree.rowsRoot, firstRow, height, rows, proof));
  }
  return txs;
}

/**
 * Drives a large-model task to evaluation: create (opted in), trainer i commits model i by its model root,
 * publishes it and reveals it by root, the test set is revealed. Returns { taskId, config, revealed, trees }.
 */
export async function largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, overrides = {}) {
  const { tasks, submitter, trainers } = protocol;
  const config = await taskConfigFor(ethers, scenario, { maxModelBytes: LARGE_MODEL_BYTES, ...overrides });
  const taskId = await createTask(tasks, submitter, config);
  const trees = scenario.models.map((model) => modelRowsTree(model));
  for (let m = 0; m < trees.length; m++) {
    const commitment = modelCommitment(trees[m].modelRoot, scenario.salts[m], trainers[m].address, taskId);
    await tasks.connect(trainers[m]).commit(taskId, commitment, { value: valueFor(config, config.stake) });
  }
  await networkHelpers.time.increaseTo(config.commitDeadline);
  for (let m = 0; m < trees.length; m++) {
    await tasks.connect(trainers[m]).claimModelAuthorship(taskId, scenario.salts[m], trees[m].modelRoot);
    await publishModel(tasks, trainers[m], trees[m]);
    await tasks
      .connect(trainers[m])
      .revealLargeModel(taskId, scenario.salts[m], `ipfs://model-${m}`, trees[m].header, trees[m].rowsRoot);
  }
  await networkHelpers.time.increaseTo(config.revealDeadline);
  await revealTestSet(tasks, submitter, taskId, config, scenario);
  return { taskId, config, revealed: scenario.models.map((_, m) => m), trees };
}

/**
 * Makes `trainer` the recorded author of `tree`'s model, so its chunks can be published: a large-model task in
 * which it commits to the model root, then claims authorship in the reveal window. Returns { taskId, salt }.
 */
export async function claimAuthorship(ethers, networkHelpers, tasks, submitter, trainer, tree, salt = id("author salt")) {
  const config = await taskConfigFor(ethers, makeScenario(0, { dims: [4, 3, 2], size: 4 }), { maxModelBytes: LARGE_MODEL_BYTES });
  const taskId = await createTask(tasks, submitter, config);
  await tasks.connect(trainer).commit(taskId, modelCommitment(tree.modelRoot, salt, trainer.address, taskId), { value: valueFor(config, config.stake) });
  await networkHelpers.time.increaseTo(config.commitDeadline);
  await tasks.connect(trainer).claimModelAuthorship(taskId, salt, tree.modelRoot);
  return { taskId, salt };
}

/**
 * Drives a large-model task to the end of its reveal window with every model entered as its commitment
 * (commitLargeModel, docs/training-tasks.md §8.5): nothing is published. Returns { taskId, config, trees }.
 */
export async function committedLargeTask(ethers, networkHelpers, protocol, scenario, overrides = {}) {
  const { tasks, submitter, trainers } = protocol;
  const config = await taskConfigFor(ethers, scenario, { maxModelBytes: LARGE_MODEL_BYTES, maxMacs: 100_000, ...overrides });
  const taskId = await createTask(tasks, submitter, config);
  const trees = scenario.models.map((model) => modelRowsTree(model));
  for (let m = 0; m < trees.length; m++) {
    const commitment = modelCommitment(trees[m].modelRoot, scenario.salts[m], trainers[m].address, taskId);
    await tasks.connect(trainers[m]).commit(taskId, commitment, { value: valueFor(config, config.stake) });
  }
  await networkHelpers.time.increaseTo(config.commitDeadline);
  for (let m = 0; m < trees.length; m++) {
    await tasks
      .connect(trainers[m])
      .commitLargeModel(taskId, scenario.salts[m], `ipfs://model-${m}`, trees[m].header, trees[m].rowsRoot, `bafy-model-${m}`, availabilityChunkCount(scenario.dims));
  }
  return { taskId, config, trees };
}

/** An empty OptimisticVerifier.Sample, for proofs about layers after the first. */
export const NO_SAMPLE = { index: 0, record: "0x", proof: [] };

/** Arguments of proveNeuron for neuron `neuron` of `layer` against the answered `trace` (hex or bytes). */
export function neuronProof(tree, scenario, sampleIndex, trace, layer, neuron) {
  const firstRow = scenario.dims.slice(1, layer + 1).reduce((n, d) => n + d, 0);
  return {
    model: { header: tree.header, rowsRoot: tree.rowsRoot, trace },
    row: { layer, neuron, ...rowProof(tree, firstRow + neuron) },
    sample: layer === 0 ? sampleWithProof(scenario.tree, sampleIndex) : NO_SAMPLE,
  };
}
