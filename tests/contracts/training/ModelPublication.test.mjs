// Large-model tasks (docs/training-tasks.md §8): opting in, publishing a model in chunks under its row
// commitment, and revealing it by root only once every row is on chain.
import { expect } from "chai";
import { getBytes, hexlify } from "ethers";
import { network } from "hardhat";
import { createRng, encodeModel, modelChunks, modelRowsTree, randomModel } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment } from "../../../scripts/lib/test-set.mjs";
import { createTask, deployProtocol, makeScenario, revealModel, taskConfigFor, STAKE } from "./fixtures.mjs";
import { LARGE_MODEL_BYTES, claimAuthorship, publishModel } from "./large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

describe("TrainingTasks: large-model tasks", function () {
  const deploy = () => deployProtocol(ethers);

  describe("opting in", function () {
    it("accepts limits up to the format's only when maxModelBytes is above MAX_MODEL_BYTES", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const scenario = makeScenario(1, { dims: [8, 4, 3] });
      const maxLargeMacs = await tasks.MAX_LARGE_MACS();
      const maxLargeBytes = await tasks.MAX_LARGE_MODEL_BYTES();
      expect(maxLargeMacs).to.equal(8n * 4096n * 4096n);
      expect(maxLargeBytes).to.equal(31n + 8n * (4096n * 4096n + 4n * 4096n));
      const small = await taskConfigFor(ethers, scenario, { maxMacs: 100_001, maxModelBytes: 100_000 });
      await expect(tasks.connect(submitter).createTask(small, { value: small.reward }))
        .to.be.revertedWithCustomError(tasks, "ModelLimitsOutOfRange")
        .withArgs(small.maxLayers, 100_001, 100_000);
      const large = await taskConfigFor(ethers, scenario, { maxLayers: 8, maxMacs: maxLargeMacs, maxModelBytes: maxLargeBytes });
      const taskId = await createTask(tasks, submitter, large);
      expect(await tasks.isLargeModelTask(taskId)).to.equal(true);
      const tooLarge = { ...large, maxModelBytes: maxLargeBytes + 1n };
      await expect(tasks.connect(submitter).createTask(tooLarge, { value: large.reward })).to.be.revertedWithCustomError(
        tasks,
        "ModelLimitsOutOfRange",
      );
    });
  });

  describe("publishing", function () {
    const tree = modelRowsTree(encodeModel(randomModel(createRng(7), [40, 30, 20, 3])));
    const chunks = [...modelChunks(tree, 400)];
    // All 32 rows (30 of 4,100 bytes, 2 of 34) in one chunk: above MAX_MODEL_CHUNK_BYTES.
    const wide = modelRowsTree(encodeModel(randomModel(createRng(9), [4096, 30, 2])));
    // One neuron of 40 weights at -128 and a bias of 2^31 - 1 - 40 * 128 * 128 + 1 breaks the rule by one.
    const overflowingModel = randomModel(createRng(8), [40, 2]);
    overflowingModel.layers[0].weights.fill(-128, 40, 80);
    overflowingModel.layers[0].biases[1] = 2 ** 31 - 1 - 40 * 128 * 128 + 1;
    const overflowing = modelRowsTree(encodeModel(overflowingModel));

    /** The protocol with authors recorded for the three models (issue 20, fault 1: publication waits for it). */
    async function deployAuthored() {
      const protocol = await deployProtocol(ethers);
      for (const [k, t] of [tree, wide, overflowing].entries()) {
        await claimAuthorship(ethers, networkHelpers, protocol.tasks, protocol.submitter, protocol.trainers[k], t);
      }
      return protocol;
    }

    it("publishes the rows chunk after chunk, one counter per model, and announces the whole model", async function () {
      const { tasks, outsider } = await loadFixture(deployAuthored);
      expect(chunks.length).to.be.greaterThan(3);
      for (const [k, { firstRow, height, rows, proof }] of chunks.entries()) {
        const tx = tasks.connect(outsider).publishModelChunk(tree.header, tree.rowsRoot, firstRow, height, rows, proof);
        const count = Math.min(2 ** height, tree.records.length - firstRow);
        await expect(tx).to.emit(tasks, "ModelChunkPublished").withArgs(tree.modelRoot, firstRow, count);
        if (k === chunks.length - 1) await expect(tx).to.emit(tasks, "ModelPublished").withArgs(tree.modelRoot, tree.header);
        expect(await tasks.publishedRows(tree.modelRoot)).to.equal(firstRow + count);
      }
      const { firstRow, height, rows, proof } = chunks[0];
      await expect(tasks.publishModelChunk(tree.header, tree.rowsRoot, firstRow, height, rows, proof))
        .to.be.revertedWithCustomError(tasks, "ModelAlreadyPublished")
        .withArgs(tree.modelRoot);
    });

    it("refuses chunks out of order, misaligned, with a wrong proof or rows, or too large", async function () {
      const { tasks } = await loadFixture(deployAuthored);
      const [first, second] = chunks;
      const publish = (c) => tasks.publishModelChunk(tree.header, tree.rowsRoot, c.firstRow, c.height, c.rows, c.proof);
      await expect(publish(second))
        .to.be.revertedWithCustomError(tasks, "UnexpectedRows")
        .withArgs(tree.modelRoot, 0, second.firstRow);
      await expect(publish({ ...first, proof: [...first.proof].reverse() }))
        .to.be.revertedWithCustomError(tasks, "InvalidRowsProof")
        .withArgs(tree.modelRoot, 0);
      await expect(publish({ ...first, height: first.height + 1 })).to.be.revertedWithCustomError(tasks, "InvalidRowsProof");
      const bytes = getBytes(first.rows);
      const flipped = hexlify(Uint8Array.from(bytes, (b, k) => (k === 3 ? b ^ 0x01 : b)));
      await expect(publish({ ...first, rows: flipped })).to.be.revertedWithCustomError(tasks, "InvalidRowsProof");
      await expect(publish({ ...first, rows: hexlify(bytes.subarray(1)) }))
        .to.be.revertedWithCustomError(tasks, "RowsLengthMismatch")
        .withArgs(bytes.length, bytes.length - 1);
      await publish(first);
      await expect(publish(second)).to.emit(tasks, "ModelChunkPublished");

      const [whole] = modelChunks(wide, 200_000);
      expect(whole.height).to.equal(5);
      await expect(tasks.publishModelChunk(wide.header, wide.rowsRoot, 0, 5, whole.rows, whole.proof))
        .to.be.revertedWithCustomError(tasks, "ModelChunkTooLarge")
        .withArgs(30 * 4100 + 2 * 34, 100_000);
    });

    it("checks the header with the first chunk and every row against the overflow rule", async function () {
      const { tasks } = await loadFixture(deployAuthored);
      const { firstRow, height, rows, proof } = chunks[0];
      const badHeader = hexlify(Uint8Array.from(getBytes(tree.header), (b, k) => (k === 0 ? 0x45 : b)));
      await expect(tasks.publishModelChunk(badHeader, tree.rowsRoot, firstRow, height, rows, proof)).to.be.revertedWithCustomError(
        tasks,
        "ModelBadMagic",
      );
      const [only] = modelChunks(overflowing);
      await expect(
        tasks.publishModelChunk(overflowing.header, overflowing.rowsRoot, only.firstRow, only.height, only.rows, only.proof),
      )
        .to.be.revertedWithCustomError(tasks, "ModelAccumulatorOverflow")
        .withArgs(0, 1, 2n ** 31n);
    });
  });

  describe("revealing by root", function () {
    const scenario = makeScenario(3, { dims: [8, 4, 3], models: 2 });
    const trees = scenario.models.map((m) => modelRowsTree(m));
    // A model of another input size than the task's.
    const wide = modelRowsTree(encodeModel(randomModel(createRng(4), [9, 4, 3])));

    /** A large-model task in its reveal window, in which alice committed to `committed`. */
    async function largeTaskWith(committed) {
      const protocol = await deployProtocol(ethers);
      const config = await taskConfigFor(ethers, scenario, { maxModelBytes: LARGE_MODEL_BYTES });
      const taskId = await createTask(protocol.tasks, protocol.submitter, config);
      const [alice] = protocol.trainers;
      const commitment = modelCommitment(committed.modelRoot, scenario.salts[0], alice.address, taskId);
      await protocol.tasks.connect(alice).commit(taskId, commitment, { value: STAKE });
      await time.increaseTo(config.commitDeadline);
      return { ...protocol, config, taskId, alice };
    }
    const largeTask = () => largeTaskWith(trees[0]);
    const largeTaskOfWideModel = () => largeTaskWith(wide);

    it("reveals a committed model root once every row is on chain", async function () {
      const { tasks, taskId, alice } = await loadFixture(largeTask);
      const tree = trees[0];
      await expect(tasks.connect(alice).revealLargeModel(taskId, scenario.salts[0], "ipfs://m", tree.header, tree.rowsRoot))
        .to.be.revertedWithCustomError(tasks, "ModelNotPublished")
        .withArgs(tree.modelRoot, 0, tree.records.length);
      await tasks.connect(alice).claimModelAuthorship(taskId, scenario.salts[0], tree.modelRoot);
      await publishModel(tasks, alice, tree, 24);
      await expect(tasks.connect(alice).revealLargeModel(taskId, scenario.salts[0], "ipfs://m", tree.header, tree.rowsRoot))
        .to.emit(tasks, "ModelRevealed")
        .withArgs(taskId, 0, alice.address, tree.modelRoot, "ipfs://m");
      const [, hashes] = await tasks.revealedModels(taskId);
      expect(hashes).to.deep.equal([tree.modelRoot]);
    });

    it("refuses whole-model reveals in a large-model task, root reveals in a small one, and roots nobody committed", async function () {
      const { tasks, taskId, alice, submitter } = await loadFixture(largeTask);
      await expect(revealModel(tasks, alice, taskId, scenario, 0))
        .to.be.revertedWithCustomError(tasks, "LargeModelTask")
        .withArgs(taskId);
      const other = trees[1];
      await expect(
        tasks.connect(alice).revealLargeModel(taskId, scenario.salts[0], "", other.header, other.rowsRoot),
      ).to.be.revertedWithCustomError(tasks, "CommitmentMismatch");
      const smallConfig = await taskConfigFor(ethers, scenario);
      const smallTask = await createTask(tasks, submitter, smallConfig);
      await expect(tasks.connect(alice).revealLargeModel(smallTask, scenario.salts[0], "", other.header, other.rowsRoot))
        .to.be.revertedWithCustomError(tasks, "NotLargeModelTask")
        .withArgs(smallTask);
    });

    it("checks the header against the task's shape and limits", async function () {
      const { tasks, taskId, alice } = await loadFixture(largeTaskOfWideModel);
      await tasks.connect(alice).claimModelAuthorship(taskId, scenario.salts[0], wide.modelRoot);
      await publishModel(tasks, alice, wide);
      await expect(tasks.connect(alice).revealLargeModel(taskId, scenario.salts[0], "", wide.header, wide.rowsRoot))
        .to.be.revertedWithCustomError(tasks, "ModelOutsideLimits")
        .withArgs(2, 9, 3, 9 * 4 + 4 * 3);
    });
  });
});
