// Commit, don't publish (issue 20, docs/training-tasks.md §8.5): a large model enters its task as a commitment;
// anyone challenges a chunk with a bond; anyone resolves it with the rows and their proof; an unresolved challenge
// slashes the trainer's stake and excludes the model; results and payouts wait for the windows.
import { expect } from "chai";
import { network } from "hardhat";
import { availabilityChunk, availabilityChunkCount, availabilityHeight, encodeTrace, modelRowsTree, trace } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment } from "../../../scripts/lib/test-set.mjs";
import {
  STAKE,
  consistentEvaluation,
  createTask,
  deployProtocol,
  honestEvaluation,
  makeScenario,
  postEvaluation,
  revealTestSet,
  taskConfigFor,
} from "./fixtures.mjs";
import { LARGE_MODEL_BYTES, committedLargeTask, neuronProof } from "./large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const DAY = 86_400n;
// 300 + 3 rows; the widest row is 304 bytes: chunks of 128 rows, 3 chunks.
const dims = [8, 300, 3];
const scenario = makeScenario(77, { dims, models: 2, size: 6 });

describe("ModelAvailability: commit, don't publish (issue 20)", function () {
  this.timeout(120_000);

  async function committed() {
    const protocol = await deployProtocol(ethers);
    const ready = await committedLargeTask(ethers, networkHelpers, protocol, scenario);
    const availability = await ethers.getContractAt("ModelAvailability", await protocol.tasks.availability());
    const bond = await availability.challengeBond();
    return { ...protocol, ...ready, availability, bond };
  }
  const challenge = (f, entry, chunk, from = f.challenger, value = f.bond) =>
    f.availability.connect(from).challengeChunk(f.taskId, entry, chunk, { value });
  const resolve = (f, entry, chunk, from = f.outsider, part = availabilityChunk(f.trees[entry], dims, chunk), header = f.trees[entry].header) =>
    f.availability.connect(from).resolveChunk(f.taskId, entry, chunk, header, part.rows, part.proof);

  describe("commit", function () {
    it("enters the model by its commitment: revealed, author recorded, nothing published", async function () {
      const f = await loadFixture(committed);
      expect(availabilityHeight(dims)).to.equal(7);
      expect(availabilityChunkCount(dims)).to.equal(3);
      const [entries, hashes] = await f.tasks.revealedModels(f.taskId);
      expect(entries).to.deep.equal([0n, 1n]);
      expect(hashes).to.deep.equal(f.trees.map((t) => t.modelRoot));
      expect(await f.tasks.authorOf(f.trees[0].modelRoot)).to.equal(f.trainers[0].address);
      expect(await f.tasks.publishedRows(f.trees[0].modelRoot)).to.equal(0n);
      const model = await f.tasks.committedModel(f.taskId, 0);
      expect(model.rowsRoot).to.equal(f.trees[0].rowsRoot);
      expect(model.chunkCount).to.equal(3n);
    });

    it("bad input: a chunk count that disagrees with the header is refused, naming both, and changes nothing", async function () {
      const protocol = await deployProtocol(ethers);
      const config = await taskConfigFor(ethers, scenario, { maxModelBytes: LARGE_MODEL_BYTES, maxMacs: 100_000 });
      const taskId = await createTask(protocol.tasks, protocol.submitter, config);
      const tree = modelRowsTree(scenario.models[0]);
      const [alice] = protocol.trainers;
      await protocol.tasks.connect(alice).commit(taskId, modelCommitment(tree.modelRoot, scenario.salts[0], alice.address, taskId), { value: STAKE });
      await time.increaseTo(config.commitDeadline);
      await expect(protocol.tasks.connect(alice).commitLargeModel(taskId, scenario.salts[0], "", tree.header, tree.rowsRoot, "cid", 4))
        .to.be.revertedWithCustomError(protocol.tasks, "ChunkCountMismatch")
        .withArgs(3, 4);
      expect((await protocol.tasks.entryAt(taskId, 0)).revealed).to.equal(false);
      expect(await protocol.tasks.authorOf(tree.modelRoot)).to.equal(ethers.ZeroAddress);
    });
  });

  describe("challenge and resolve", function () {
    it("anyone resolves a challenged chunk with its rows; the resolver takes the bond; the chunk stays resolved", async function () {
      const f = await loadFixture(committed);
      await expect(challenge(f, 1, 2)).to.emit(f.availability, "ChunkChallenged");
      expect(await f.availability.openChallenges(f.taskId)).to.equal(1n);
      await expect(resolve(f, 1, 2)).to.emit(f.availability, "ChunkResolved").withArgs(f.taskId, 1, 2, f.outsider.address);
      expect(await f.availability.credits(ethers.ZeroAddress, f.outsider.address)).to.equal(f.bond);
      expect(await f.availability.openChallenges(f.taskId)).to.equal(0n);
      await expect(challenge(f, 1, 2)).to.be.revertedWithCustomError(f.availability, "ChunkAlreadyResolved").withArgs(f.taskId, 1, 2);
    });

    it("bad input: wrong proof, header or rows, a resolution after the window, a challenge outside it: named errors, no change", async function () {
      const f = await loadFixture(committed);
      await expect(challenge(f, 0, 3)).to.be.revertedWithCustomError(f.availability, "ChunkOutOfRange").withArgs(3, 3);
      await expect(challenge(f, 0, 0, f.challenger, f.bond - 1n))
        .to.be.revertedWithCustomError(f.availability, "ChallengeBondTooLow")
        .withArgs(f.bond - 1n, f.bond);
      await expect(f.availability.connect(f.challenger).challengeChunk(f.taskId, 5, 0, { value: f.bond }))
        .to.be.revertedWithCustomError(f.availability, "NotCommittedModel")
        .withArgs(f.taskId, 5);
      await expect(resolve(f, 0, 1)).to.be.revertedWithCustomError(f.availability, "NoChallenge").withArgs(f.taskId, 0, 1);
      await challenge(f, 0, 1);
      await expect(challenge(f, 0, 1)).to.be.revertedWithCustomError(f.availability, "ChunkUnderChallenge");
      const part = availabilityChunk(f.trees[0], dims, 1);
      const other = availabilityChunk(f.trees[0], dims, 0);
      await expect(resolve(f, 0, 1, f.outsider, { ...part, proof: other.proof }))
        .to.be.revertedWithCustomError(f.availability, "InvalidChunkProof")
        .withArgs(f.taskId, 0, 1);
      await expect(resolve(f, 0, 1, f.outsider, { ...part, proof: part.proof.slice(1) }))
        .to.be.revertedWithCustomError(f.availability, "InvalidChunkProof");
      await expect(resolve(f, 0, 1, f.outsider, other)).to.be.revertedWithCustomError(f.availability, "InvalidChunkProof");
      await expect(resolve(f, 0, 1, f.outsider, { ...part, rows: part.rows.slice(0, -2) }))
        .to.be.revertedWithCustomError(f.tasks, "RowsLengthMismatch");
      await expect(resolve(f, 0, 1, f.outsider, part, f.trees[1].header === f.trees[0].header ? "0x00" : f.trees[1].header))
        .to.be.revertedWithCustomError(f.availability, "HeaderMismatch");
      expect((await f.availability.challenges(f.taskId, 0, 1)).resolved).to.equal(false);
      await time.increase(DAY);
      await expect(resolve(f, 0, 1))
        .to.be.revertedWithCustomError(f.availability, "ResolveWindowClosed")
        .withArgs(f.taskId, 0, 1, (d) => d > 0n);
      const deadline = await f.tasks.availabilityChallengeDeadline(f.taskId);
      await time.increaseTo(deadline);
      await expect(challenge(f, 1, 0))
        .to.be.revertedWithCustomError(f.availability, "AvailabilityWindowClosed")
        .withArgs(f.taskId, deadline);
    });
  });

  describe("withheld chunks", function () {
    it("an unresolved challenge slashes the stake to challenger and treasury and excludes the model", async function () {
      const f = await loadFixture(committed);
      await challenge(f, 0, 2);
      await expect(f.availability.slashUnavailable(f.taskId, 0, 2)).to.be.revertedWithCustomError(f.availability, "ResolveWindowOpen");
      await time.increase(DAY);
      const half = STAKE / 2n;
      await expect(f.availability.connect(f.outsider).slashUnavailable(f.taskId, 0, 2))
        .to.emit(f.tasks, "ModelExcluded")
        .withArgs(f.taskId, 0, f.challenger.address, half, STAKE - half)
        .and.to.emit(f.availability, "ChunkUnavailable")
        .withArgs(f.taskId, 0, 2, f.challenger.address, true);
      expect(await f.tasks.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(half);
      expect(await f.tasks.credits(ethers.ZeroAddress, f.treasury.address)).to.equal(STAKE - half);
      expect(await f.availability.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(f.bond);
      const [entries] = await f.tasks.revealedModels(f.taskId);
      expect(entries).to.deep.equal([1n]);
      // Nobody can register the excluded model, its trainer included.
      expect(await f.tasks.authorOf(f.trees[0].modelRoot)).to.equal(f.tasks.target);
      // A second unresolved challenge of the same model only returns its bond.
      await challenge(f, 0, 1, f.outsider);
      await time.increase(DAY);
      await expect(f.availability.slashUnavailable(f.taskId, 0, 1))
        .to.emit(f.availability, "ChunkUnavailable")
        .withArgs(f.taskId, 0, 1, f.outsider.address, false)
        .and.not.to.emit(f.tasks, "ModelExcluded");
    });

    it("results wait for the windows and every challenge; the excluded model is neither evaluated nor paid", async function () {
      const f = await loadFixture(committed);
      await challenge(f, 0, 0);
      await time.increaseTo(f.config.revealDeadline);
      await revealTestSet(f.tasks, f.submitter, f.taskId, f.config, scenario);
      const honest = honestEvaluation(scenario, [0, 1]);
      await expect(postEvaluation(f.verifier, f.evaluator, f.taskId, honest))
        .to.be.revertedWithCustomError(f.verifier, "AvailabilityPending")
        .withArgs(f.taskId);
      const over = (await f.tasks.availabilityChallengeDeadline(f.taskId)) + DAY;
      await time.increaseTo(over);
      // The windows are over but the challenge is neither resolved nor slashed: still pending.
      expect(await f.tasks.availabilityPending(f.taskId)).to.equal(true);
      await f.availability.slashUnavailable(f.taskId, 0, 0);
      expect(await f.tasks.availabilityPending(f.taskId)).to.equal(false);
      const survivors = honestEvaluation(scenario, [1]);
      await postEvaluation(f.verifier, f.evaluator, f.taskId, survivors);
      await time.increaseTo((await f.verifier.claims(f.taskId)).deadline);
      await f.verifier.finalize(f.taskId);
      // Trainer 1's stake comes back if it qualified; trainer 0's was paid out at the slash and never again.
      expect(await f.tasks.credits(ethers.ZeroAddress, f.trainers[0].address)).to.equal(0n);
    });
  });

  it("the prediction game runs on a committed model: nothing published, a lie still overturned", async function () {
    const f = await loadFixture(committed);
    await time.increaseTo(f.config.revealDeadline);
    await revealTestSet(f.tasks, f.submitter, f.taskId, f.config, scenario);
    await time.increaseTo((await f.tasks.availabilityChallengeDeadline(f.taskId)) + DAY);
    const predictions = honestEvaluation(scenario, [0, 1]).predictions.map((p) => Uint8Array.from(p));
    const lie = (predictions[1][2] + 1) % 3;
    predictions[1][2] = lie;
    const call = await postEvaluation(f.verifier, f.evaluator, f.taskId, consistentEvaluation(scenario, predictions));
    const gameBond = await f.verifier.gameBond(f.taskId);
    await f.verifier.connect(f.challenger).openGame(f.taskId, call.result, 1, predictions[1], 2, { value: gameBond });
    const layers = trace(scenario.models[1], scenario.samples[2].input);
    layers.at(-1)[lie] = Math.max(...layers.at(-1)) + 1;
    const posted = encodeTrace(layers);
    await f.verifier.connect(f.evaluator).answerGame(f.taskId, f.challenger, f.trees[1].header, f.trees[1].rowsRoot, posted);
    const p = neuronProof(f.trees[1], scenario, 2, posted, layers.length - 1, lie);
    await expect(f.verifier.connect(f.challenger).proveNeuron(f.taskId, p.model, p.row, p.sample)).to.emit(f.verifier, "ResultOverturned");
    expect(await f.tasks.publishedRows(f.trees[1].modelRoot)).to.equal(0n);
  });
});
