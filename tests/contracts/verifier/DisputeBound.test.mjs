// Issue 8, item 11: the creation limits guarantee the gas bound docs/training-tasks.md states for the costliest
// transactions of a task (a model reveal, a prediction dispute, a score dispute), and each worst case they
// allow is run here.
import { expect } from "chai";
import { keccak256, parseEther, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { createRng, encodeModel, predict } from "../../../scripts/lib/evaluation.mjs";
import { buildTestSetTree, chunkCount, chunkReveal, modelCommitment, sampleWithProof } from "../../../scripts/lib/test-set.mjs";
import { NO_WINNER, WINDOW, deployProtocol, resultCalldata } from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

/** The bound docs/training-tasks.md states for every reveal and dispute transaction. */
const GAS_BOUND = 5_000_000n;
const MAX_NEURONS = 1024;

/** A model of `dims` whose weights and biases are all non-zero: calldata at its dearest. */
function denseModel(dims) {
  const layers = dims.slice(1).map((outputs, l) => ({
    weights: Array.from({ length: outputs * dims[l] }, (_, k) => (k % 2 ? 1 : -1)),
    biases: Array.from({ length: outputs }, (_, j) => 0x01010101 + j),
  }));
  return encodeModel({ dims, shifts: new Array(dims.length - 1).fill(1), layers });
}

/** `size` samples of `inputSize` non-zero inputs and labels below `classes`. */
function samplesOf(size, inputSize, classes) {
  return Array.from({ length: size }, (_, i) => ({ label: i % classes, input: new Int8Array(inputSize).fill(-7 + (i % 5)) }));
}

describe("Dispute gas bound (issue 8, item 11)", function () {
  this.timeout(300_000);
  const deploy = () => deployProtocol(ethers);

  /** Task terms for one trainer, the widest model limits and the given test set. */
  async function termsFor(tree, samples, classes, chunkSize) {
    const now = await time.latest();
    return {
      token: ZeroAddress, reward: parseEther("1"), stake: parseEther("1"), testSetRoot: tree.root,
      testSetSize: samples.length, inputSize: samples[0].input.length, classes, chunkSize, maxTrainers: 1,
      maxLayers: 8, maxMacs: 100_000, maxModelBytes: 100_000, commitDeadline: now + WINDOW,
      revealDeadline: now + 2 * WINDOW, testSetRevealDeadline: now + 3 * WINDOW,
      minScore: Math.floor(samples.length / classes) + 1,
    };
  }

  /** Creates a task, commits and reveals `model`, reveals the test set. Returns the task and the reveal's gas. */
  async function revealedTask(protocol, model, samples, classes, chunkSize) {
    const { tasks, submitter, trainers } = protocol;
    const [trainer] = trainers;
    const tree = buildTestSetTree(samples);
    const config = await termsFor(tree, samples, classes, chunkSize);
    const receipt = await (await tasks.connect(submitter).createTask(config, { value: config.reward })).wait();
    const taskId = tasks.interface.parseLog(receipt.logs[0]).args.taskId;
    const salt = keccak256("0x01");
    const commitment = modelCommitment(keccak256(model), salt, trainer.address, taskId);
    await tasks.connect(trainer).commit(taskId, commitment, { value: config.stake });
    await time.increaseTo(config.commitDeadline);
    const reveal = await (await tasks.connect(trainer).reveal(taskId, salt, "", model)).wait();
    await time.increaseTo(config.revealDeadline);
    for (let c = 0; c < chunkCount(samples.length, chunkSize); c++) {
      const { records, proof } = chunkReveal(tree, chunkSize, c);
      await tasks.connect(submitter).revealTestSetChunk(taskId, c, records, proof);
    }
    return { taskId, tree, revealGas: reveal.gasUsed };
  }

  /** Posts a result whose prediction for the last sample is wrong and proves it; returns the dispute's gas. */
  async function disputeGas(protocol, taskId, tree, model, samples, classes) {
    const { verifier, evaluator, challenger } = protocol;
    const i = samples.length - 1;
    const predictions = new Uint8Array(samples.length);
    predictions[i] = (predict(model, samples[i].input) + 1) % classes;
    const call = resultCalldata({ predictions: [predictions], scores: [0], winner: NO_WINNER });
    const bond = await verifier.requiredBond(taskId);
    await verifier.connect(evaluator).postResult(taskId, call.scores, call.winner, call.predictions, { value: bond });
    const proof = sampleWithProof(tree, i);
    const tx = await verifier.connect(challenger).challengePrediction(taskId, call.result, 0, predictions, model, proof);
    return (await tx.wait()).gasUsed;
  }

  async function expectWithinBound(dims, size, chunkSize) {
    const protocol = await loadFixture(deploy);
    const model = denseModel(dims);
    const classes = dims.at(-1);
    const samples = samplesOf(size, dims[0], classes);
    const { taskId, tree, revealGas } = await revealedTask(protocol, model, samples, classes, chunkSize);
    const dispute = await disputeGas(protocol, taskId, tree, model, samples, classes);
    expect(revealGas, `reveal of ${dims.join("-")}`).to.be.at.most(GAS_BOUND);
    expect(dispute, `prediction dispute of ${dims.join("-")}`).to.be.at.most(GAS_BOUND);
    return { revealGas, dispute };
  }

  describe("the reported scenarios", function () {
    it("refuses the 16,000-neuron model inside the byte and MAC limits before validating it", async function () {
      const protocol = await loadFixture(deploy);
      const dims = [1, 4096, 1, 4096, 1, 4096, 1, 3745, 2];
      const model = denseModel(dims);
      expect(model.length).to.equal(99_994);
      const { tasks, submitter, trainers } = protocol;
      const samples = samplesOf(1, 1, 2);
      const tree = buildTestSetTree(samples);
      const config = await termsFor(tree, samples, 2, 1);
      await tasks.connect(submitter).createTask(config, { value: config.reward });
      const salt = keccak256("0x01");
      await tasks.connect(trainers[0]).commit(1, modelCommitment(keccak256(model), salt, trainers[0].address, 1), {
        value: config.stake,
      });
      await time.increaseTo(config.commitDeadline);
      await expect(tasks.connect(trainers[0]).reveal(1, salt, "", model))
        .to.be.revertedWithCustomError(tasks, "TooManyNeurons")
        .withArgs(4096 * 3 + 3 + 3745 + 2, MAX_NEURONS);
    });

    it("refuses a test set revealed in more than MAX_TEST_SET_CHUNKS chunks", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const samples = samplesOf(10_000, 1, 2);
      const config = await termsFor({ root: keccak256("0x02") }, samples, 2, 1);
      await expect(tasks.connect(submitter).createTask(config, { value: config.reward }))
        .to.be.revertedWithCustomError(tasks, "TooManyChunks")
        .withArgs(10_000, 1024);
    });
  });

  describe("the worst cases the limits allow stay within the stated bound", function () {
    it("the widest input: 4096-24-2, 98,469 bytes", async function () {
      await expectWithinBound([4096, 24, 2], 1, 1);
    });

    it("the most neurons at the most bytes, with a 14-level sample proof: 91-1022-2, 99,155 bytes", async function () {
      await expectWithinBound([91, 1022, 2], 8_193, 1024);
    });

    it("the deepest: 2-124-124-124-124-124-124-124-2", async function () {
      await expectWithinBound([2, 124, 124, 124, 124, 124, 124, 124, 2], 1, 1);
    });

    it("the narrowest with the most neurons: 1-1021-1-2", async function () {
      await expectWithinBound([1, 1021, 1, 2], 1, 1);
    });

    it("a score dispute over 10,000 labels in the most chunks (625 of 16)", async function () {
      const protocol = await loadFixture(deploy);
      const dims = [1, 2, 2];
      const model = denseModel(dims);
      const samples = samplesOf(10_000, 1, 2);
      const { taskId } = await revealedTask(protocol, model, samples, 2, 16);
      const { verifier, evaluator, challenger } = protocol;
      const predictions = new Uint8Array(samples.length);
      const call = resultCalldata({ predictions: [predictions], scores: [1], winner: NO_WINNER });
      await verifier
        .connect(evaluator)
        .postResult(taskId, call.scores, call.winner, call.predictions, { value: await verifier.requiredBond(taskId) });
      const labels = Uint8Array.from(samples.map((s) => s.label));
      const tx = await verifier.connect(challenger).challengeScore(taskId, call.result, 0, predictions, labels);
      const gas = (await tx.wait()).gasUsed;
      expect(gas).to.be.at.most(GAS_BOUND);
    });
  });

  describe("property: random models inside the limits reveal and dispute within the bound", function () {
    it("random depths and widths at the MAC, byte and neuron limits", async function () {
      const rng = createRng(1111);
      const macsOf = (d) => d.slice(1).reduce((n, o, l) => n + o * d[l], 0);
      const bytesOf = (d) => 7 + 3 * (d.length - 1) + d.slice(1).reduce((n, o, l) => n + o * d[l] + 4 * o, 0);
      const neuronsOf = (d) => d.slice(1).reduce((n, o) => n + o, 0);
      for (let round = 0; round < 4; round++) {
        const layers = rng.int(1, 8);
        // Widen random layers while the model stays inside every limit.
        const dims = [rng.int(1, 300), ...new Array(layers - 1).fill(1), rng.int(2, 16)];
        for (let grow = 0; grow < 2000; grow++) {
          const l = rng.int(1, layers - 1 || 1);
          if (layers === 1) break;
          const next = [...dims];
          next[l] += rng.int(1, 64);
          if (macsOf(next) > 100_000 || bytesOf(next) > 100_000 || neuronsOf(next) > MAX_NEURONS) break;
          dims.splice(0, dims.length, ...next);
        }
        await expectWithinBound(dims, 2, 2);
      }
    });
  });
});
