// Model versions of a large model (issue 19 x issue 20, docs/training-tasks.md §9.3): a DAO-owned large model asset,
// registered under its model root, is the incumbent of a large-model task. It enters as entry 0 by its commitment (rows
// root, header, the content store's CID), its bytes stay off chain, the availability game covers it like a trainer's
// committed model (challenge, resolve, force), a winner must strictly beat it, and the winner is registered as the next
// version by its commitment.
import { expect } from "chai";
import { concat, id, keccak256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";
import { availabilityChunk, availabilityChunkCount, encodeTrace, modelRowsTree, trace } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment } from "../../../scripts/lib/test-set.mjs";
import { rawSha256Cid } from "../registry/cid.mjs";
import {
  Kind,
  consistentEvaluation,
  deployProtocol,
  honestEvaluation,
  labelledBy,
  makeScenario,
  postEvaluation,
  registerAsset,
  revealTestSet,
  taskConfigFor,
  valueFor,
} from "./fixtures.mjs";
import { LARGE_MODEL_BYTES, claimAuthorship, neuronProof } from "./large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const DAY = 86_400n;
// 300 + 3 rows; the widest row is 304 bytes: chunks of 128 rows, 3 chunks (the output rows in chunk 2).
const dims = [8, 300, 3];
const INCUMBENT = 1; // scenario model the DAO owns
const CHUNKS = availabilityChunkCount(dims);
// Labels follow model 0, so a trainer entering it beats the incumbent; `incumbentBest` labels follow the incumbent.
const trainerBest = makeScenario(91, { dims, models: 3, size: 6 });
const incumbentBest = labelledBy(trainerBest, INCUMBENT);
const trees = trainerBest.models.map((m) => modelRowsTree(m));
const STORE_CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

/** A large incumbent's commitment as createTaskWithAssets takes it: rows root, header, the content store's CID. */
const commitmentBytes = (tree, cid = STORE_CID) => concat([tree.rowsRoot, tree.header, toUtf8Bytes(cid)]);

/** Registers `tree`'s model for `owner` under its model root, the content hash a large model is registered by. */
async function registerLarge(registry, owner, tree, bytes) {
  const salt = id(`large ${tree.modelRoot}`);
  await registry.connect(owner).commitRegistration(await registry.registrationCommitment(tree.modelRoot, owner.address, salt, owner.address));
  await registry.connect(owner).registerCommitted(Kind.Model, tree.modelRoot, rawSha256Cid(bytes), "ipfs://meta/large", owner.address, salt);
  return registry.tokenOfContent(tree.modelRoot);
}

describe("Large-model tasks with an incumbent (issue 19 x issue 20)", function () {
  this.timeout(180_000);

  async function deployed() {
    const protocol = await deployProtocol(ethers);
    const dao = protocol.governance;
    const incumbentId = await registerLarge(protocol.registry, dao, trees[INCUMBENT], trainerBest.models[INCUMBENT]);
    const availability = await ethers.getContractAt("ModelAvailability", await protocol.tasks.availability());
    return { ...protocol, dao, incumbentId, availability, bond: await availability.challengeBond() };
  }

  async function create(p, overrides = {}, incumbent = commitmentBytes(trees[INCUMBENT]), scenario = trainerBest) {
    const config = await taskConfigFor(ethers, scenario, { maxModelBytes: LARGE_MODEL_BYTES, maxMacs: 100_000, ...overrides });
    const tx = await p.tasks.connect(p.dao).createTaskWithAssets(config, p.incumbentId, incumbent, 0, { value: valueFor(config, config.reward) });
    const receipt = await tx.wait();
    const taskId = receipt.logs.map((l) => p.tasks.interface.parseLog(l)).find((l) => l?.name === "TaskCreated").args.taskId;
    return { taskId, config, tx };
  }

  /** The task (test set `scenario`'s) created, trainer i commits model `models[i]` without publishing it. */
  async function entered(models, scenario) {
    const p = await loadFixture(deployed);
    const { taskId, config, tx } = await create(p, {}, commitmentBytes(trees[INCUMBENT]), scenario);
    for (const [i, m] of models.entries()) {
      const trainer = p.trainers[i];
      await p.tasks.connect(trainer).commit(taskId, modelCommitment(trees[m].modelRoot, trainerBest.salts[m], trainer.address, taskId), { value: config.stake });
    }
    await time.increaseTo(config.commitDeadline);
    for (const [i, m] of models.entries()) {
      await p.tasks
        .connect(p.trainers[i])
        .commitLargeModel(taskId, trainerBest.salts[m], "", trees[m].header, trees[m].rowsRoot, `bafy-model-${m}`, CHUNKS);
    }
    return { ...p, taskId, config, tx, models };
  }

  /** As {entered}, then the test set (labelled by `scenario`) revealed and the availability windows over. */
  async function evaluable(f, scenario) {
    await time.increaseTo(f.config.revealDeadline);
    await revealTestSet(f.tasks, f.dao, f.taskId, f.config, scenario);
    await time.increaseTo((await f.tasks.availabilityChallengeDeadline(f.taskId)) + DAY);
    return f;
  }
  const enteredOne = () => entered([0], trainerBest);
  const enteredWeaker = () => entered([2], incumbentBest);

  const resolve = (f, entryTree, entry, chunk, from = f.dao) => {
    const part = availabilityChunk(entryTree, dims, chunk);
    return f.availability.connect(from).resolveChunk(f.taskId, entry, chunk, entryTree.header, part.rows, part.proof);
  };

  describe("creation", function () {
    it("enters the incumbent as committed entry 0: its model root, no trainer, its chunks under the availability game", async function () {
      const f = await loadFixture(enteredOne);
      const tree = trees[INCUMBENT];
      await expect(f.tx)
        .to.emit(f.tasks, "ModelCommitted")
        .withArgs(f.taskId, 0, tree.modelRoot, tree.rowsRoot, CHUNKS, STORE_CID, tree.header)
        .and.to.emit(f.registry, "TaskAssetsNamed")
        .withArgs(f.taskId, f.incumbentId, 0);
      const entry = await f.tasks.entryAt(f.taskId, 0);
      expect([entry.trainer, entry.revealed, entry.modelHash]).to.deep.equal([ethers.ZeroAddress, true, tree.modelRoot]);
      const committed = await f.tasks.committedModel(f.taskId, 0);
      expect([committed.headerHash, committed.rowsRoot, committed.chunkCount]).to.deep.equal([keccak256(tree.header), tree.rowsRoot, BigInt(CHUNKS)]);
      const [entries, hashes] = await f.tasks.revealedModels(f.taskId);
      expect(entries).to.deep.equal([0n, 1n]);
      expect(hashes).to.deep.equal([tree.modelRoot, trees[0].modelRoot]);
      expect(await f.tasks.availabilityPending(f.taskId)).to.equal(true);
    });

    it("bad input: another model's commitment, a short one, a header outside the limits: named errors, no task", async function () {
      const p = await loadFixture(deployed);
      const other = trees[0];
      await expect(create(p, {}, commitmentBytes(other)))
        .to.be.revertedWithCustomError(p.registry, "IncumbentMismatch")
        .withArgs(p.incumbentId, trees[INCUMBENT].modelRoot, other.modelRoot);
      // The bytes' keccak256 is how a small model is named; a large task takes the model root only.
      await expect(create(p, {}, trainerBest.models[INCUMBENT])).to.be.revert(ethers);
      await expect(create(p, {}, trees[INCUMBENT].rowsRoot + trees[INCUMBENT].header.slice(2, 20)))
        .to.be.revertedWithCustomError(p.tasks, "ModelTooShort");
      // Shorter than the rows root and the header's layer count: named, not a bare revert of an out-of-range slice.
      for (const commitment of ["0x", trees[INCUMBENT].rowsRoot.slice(0, 42), trees[INCUMBENT].rowsRoot + trees[INCUMBENT].header.slice(2, 10)]) {
        await expect(create(p, {}, commitment))
          .to.be.revertedWithCustomError(p.tasks, "CommitmentTooShort")
          .withArgs((commitment.length - 2) / 2, 37);
      }
      await expect(create(p, { maxLayers: 1 }))
        .to.be.revertedWithCustomError(p.tasks, "ModelOutsideLimits")
        .withArgs(2, dims[0], dims.at(-1), dims[0] * dims[1] + dims[1] * dims[2]);
      // Still the small-model rule in a small task: the incumbent's bytes, keccak256 checked.
      await expect(create(p, { maxModelBytes: 100_000 }, trainerBest.models[INCUMBENT])).to.be.revertedWithCustomError(p.registry, "IncumbentMismatch");
    });

    it("a large model registered by the keccak256 of its bytes cannot be a large task's incumbent (its root is not proven)", async function () {
      const p = await loadFixture(deployed);
      const byBytes = await registerAsset(p.registry, p.dao, trainerBest.models[2]);
      const config = await taskConfigFor(ethers, trainerBest, { maxModelBytes: LARGE_MODEL_BYTES, maxMacs: 100_000 });
      await expect(p.tasks.connect(p.dao).createTaskWithAssets(config, byBytes, commitmentBytes(trees[2]), 0, { value: config.reward }))
        .to.be.revertedWithCustomError(p.registry, "IncumbentMismatch")
        .withArgs(byBytes, keccak256(trainerBest.models[2]), trees[2].modelRoot);
    });
  });

  describe("entries are new models, work for hire", function () {
    it("the task becomes a committed entry's author, so its trainer cannot register it first", async function () {
      const f = await loadFixture(enteredOne);
      const [alice] = f.trainers;
      expect(await f.tasks.authorOf(trees[0].modelRoot)).to.equal(f.tasks.target);
      await expect(f.registry.connect(alice).registerFor(alice.address, Kind.Model, trees[0].modelRoot, rawSha256Cid(trainerBest.models[0]), "ipfs://x"))
        .to.be.revertedWithCustomError(f.registry, "NotContentAuthor")
        .withArgs(trees[0].modelRoot, f.tasks.target, alice.address);
    });

    it("a model another trainer claimed first, or the registered incumbent itself, is refused", async function () {
      const p = await loadFixture(deployed);
      const [alice, bob] = p.trainers;
      await claimAuthorship(ethers, networkHelpers, p.tasks, p.submitter, bob, trees[2]);
      const { taskId, config } = await create(p);
      for (const m of [2, INCUMBENT]) {
        const trainer = m === 2 ? alice : p.trainers[2];
        await p.tasks.connect(trainer).commit(taskId, modelCommitment(trees[m].modelRoot, trainerBest.salts[m], trainer.address, taskId), { value: config.stake });
      }
      await time.increaseTo(config.commitDeadline);
      await expect(p.tasks.connect(alice).commitLargeModel(taskId, trainerBest.salts[2], "", trees[2].header, trees[2].rowsRoot, "c", CHUNKS))
        .to.be.revertedWithCustomError(p.tasks, "ModelNotNew")
        .withArgs(trees[2].modelRoot, bob.address);
      await expect(
        p.tasks.connect(p.trainers[2]).commitLargeModel(taskId, trainerBest.salts[INCUMBENT], "", trees[INCUMBENT].header, trees[INCUMBENT].rowsRoot, "c", CHUNKS),
      ).to.be.revertedWithCustomError(p.tasks, "ModelNotNew");
    });
  });

  describe("availability", function () {
    it("anyone challenges a chunk of the incumbent; the DAO's node resolves it with the rows and takes the bond", async function () {
      const f = await loadFixture(enteredOne);
      await expect(f.availability.connect(f.challenger).challengeChunk(f.taskId, 0, 1, { value: f.bond }))
        .to.emit(f.availability, "ChunkChallenged");
      await expect(resolve(f, trees[INCUMBENT], 0, 1)).to.emit(f.availability, "ChunkResolved").withArgs(f.taskId, 0, 1, f.dao.address);
      expect(await f.availability.credits(ethers.ZeroAddress, f.dao.address)).to.equal(f.bond);
    });

    it("an unavailable incumbent is excluded with nothing to slash: the challenger's bond returns, a trainer wins alone", async function () {
      const f = await loadFixture(enteredOne);
      await f.availability.connect(f.challenger).challengeChunk(f.taskId, 0, 2, { value: f.bond });
      await time.increase(DAY);
      await expect(f.availability.slashUnavailable(f.taskId, 0, 2))
        .to.emit(f.tasks, "ModelExcluded")
        .withArgs(f.taskId, 0, f.challenger.address, 0, 0)
        .and.to.emit(f.availability, "ChunkUnavailable")
        .withArgs(f.taskId, 0, 2, f.challenger.address, true);
      expect(await f.availability.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(f.bond);
      expect(await f.tasks.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(0n);
      const [entries] = await f.tasks.revealedModels(f.taskId);
      expect(entries).to.deep.equal([1n]);
      await evaluable(f, trainerBest);
      await postEvaluation(f.verifier, f.evaluator, f.taskId, honestEvaluation(trainerBest, [0]));
      await time.increaseTo((await f.verifier.claims(f.taskId)).deadline);
      await f.verifier.finalize(f.taskId);
      expect(await f.tasks.credits(ethers.ZeroAddress, f.trainers[0].address)).to.equal(f.config.reward + f.config.stake);
    });

    it("a task whose test set is withheld splits the reward among the trainers only, the excluded incumbent not counted", async function () {
      const f = await loadFixture(enteredOne);
      await f.availability.connect(f.challenger).challengeChunk(f.taskId, 0, 0, { value: f.bond });
      await time.increase(DAY);
      await f.availability.slashUnavailable(f.taskId, 0, 0);
      await time.increaseTo((await f.tasks.availabilityChallengeDeadline(f.taskId)) + DAY);
      await f.tasks.settleWithoutEvaluation(f.taskId);
      expect(await f.tasks.credits(ethers.ZeroAddress, f.trainers[0].address)).to.equal(f.config.reward + f.config.stake);
    });
  });

  describe("its score is disputable like any entry's", function () {
    it("a lie about the incumbent's prediction is overturned by the game, forcing the incumbent's unpublished chunk", async function () {
      const f = await evaluable(await loadFixture(enteredOne), trainerBest);
      const SAMPLE = 2;
      const MODEL = 0; // the incumbent is revealed model 0
      const predictions = honestEvaluation(trainerBest, [INCUMBENT, 0]).predictions.map((p) => Uint8Array.from(p));
      const layers = trace(trainerBest.models[INCUMBENT], trainerBest.samples[SAMPLE].input);
      const claimed = (predictions[MODEL][SAMPLE] + 1) % 3;
      predictions[MODEL][SAMPLE] = claimed;
      layers.at(-1)[claimed] = Math.max(...layers.at(-1)) + 1;
      const call = await postEvaluation(f.verifier, f.evaluator, f.taskId, consistentEvaluation(trainerBest, predictions));
      const tree = trees[INCUMBENT];
      await f.verifier
        .connect(f.challenger)
        .openGame(f.taskId, call.result, MODEL, predictions[MODEL], SAMPLE, { value: await f.verifier.gameBond(f.taskId) });
      const lyingTrace = encodeTrace(layers);
      await f.verifier.connect(f.evaluator).answerGame(f.taskId, f.challenger, tree.header, tree.rowsRoot, lyingTrace);
      await expect(f.verifier.connect(f.challenger).forceChunk(f.taskId, CHUNKS - 1, { value: f.bond }))
        .to.emit(f.verifier, "ChunkForced")
        .and.to.emit(f.availability, "ChunkChallenged")
        .withArgs(f.taskId, 0, CHUNKS - 1, f.challenger.address, f.bond, (d) => d > 0n);
      await expect(resolve(f, tree, 0, CHUNKS - 1)).to.emit(f.availability, "ChunkResolved");
      const proof = neuronProof(tree, trainerBest, SAMPLE, lyingTrace, dims.length - 2, claimed);
      await expect(f.verifier.connect(f.challenger).proveNeuron(f.taskId, proof.model, proof.row, proof.sample))
        .to.emit(f.verifier, "ResultOverturned");
    });
  });

  describe("a winner must strictly beat it and becomes its next version", function () {
    it("a trainer that beats the incumbent wins; the DAO registers it as the next version by its commitment", async function () {
      const f = await evaluable(await loadFixture(enteredOne), trainerBest);
      const honest = honestEvaluation(trainerBest, [INCUMBENT, 0]);
      expect(honest.winner).to.equal(1);
      expect(honest.scores[1]).to.be.greaterThan(honest.scores[0]);
      await postEvaluation(f.verifier, f.evaluator, f.taskId, honest);
      await time.increaseTo((await f.verifier.claims(f.taskId)).deadline);
      await expect(f.verifier.finalize(f.taskId))
        .to.emit(f.registry, "IncumbentBeaten")
        .withArgs(f.taskId, f.incumbentId, trees[0].modelRoot, honest.scores[1]);
      const winner = trees[0];
      const cid = rawSha256Cid(trainerBest.models[0]);
      // Only who receives the token vouches for the CID; the commitment must be the winner's.
      await expect(f.registry.connect(f.outsider).registerNextLargeVersion(f.taskId, winner.header, winner.rowsRoot, cid))
        .to.be.revertedWithCustomError(f.registry, "ERC721InsufficientApproval")
        .withArgs(f.outsider.address, f.incumbentId);
      await expect(f.registry.connect(f.dao).registerNextLargeVersion(f.taskId, trees[2].header, trees[2].rowsRoot, cid))
        .to.be.revertedWithCustomError(f.registry, "VersionContentMismatch")
        .withArgs(winner.modelRoot, trees[2].modelRoot);
      await expect(f.registry.connect(f.dao).registerNextLargeVersion(f.taskId, winner.header, winner.rowsRoot, "not a cid"))
        .to.be.revertedWithCustomError(f.registry, "InvalidCid");
      const tx = f.registry.connect(f.dao).registerNextLargeVersion(f.taskId, winner.header, winner.rowsRoot, cid);
      await expect(tx).to.emit(f.registry, "VersionRegistered").withArgs(f.incumbentId + 1n, f.incumbentId, f.taskId, honest.scores[1]);
      const tokenId = await f.registry.tokenOfContent(winner.modelRoot);
      expect(await f.registry.ownerOf(tokenId)).to.equal(f.dao.address);
      expect(await f.registry.cidOf(tokenId)).to.equal(cid);
      const version = await f.registry.versionOf(tokenId);
      expect([version.previous, version.taskId, version.score]).to.deep.equal([f.incumbentId, f.taskId, BigInt(honest.scores[1])]);
      await expect(f.registry.connect(f.dao).registerNextLargeVersion(f.taskId, winner.header, winner.rowsRoot, cid))
        .to.be.revertedWithCustomError(f.registry, "VersionAlreadyRegistered")
        .withArgs(f.taskId, tokenId);
      // The small path's keccak256 of bytes cannot name a large winner.
      await expect(f.registry.registerNextVersion(f.taskId, trainerBest.models[0])).to.be.revertedWithCustomError(f.registry, "VersionAlreadyRegistered");
    });

    it("a trainer that does not beat the incumbent does not win: the reward returns, no next version", async function () {
      const f = await evaluable(await loadFixture(enteredWeaker), incumbentBest);
      const honest = honestEvaluation(incumbentBest, [INCUMBENT, 2]);
      expect(honest.winner).to.equal(0);
      await postEvaluation(f.verifier, f.evaluator, f.taskId, honest);
      await time.increaseTo((await f.verifier.claims(f.taskId)).deadline);
      await expect(f.verifier.finalize(f.taskId)).to.emit(f.tasks, "TaskSettled").withArgs(f.taskId, f.dao.address, f.config.reward, true)
        .and.not.to.emit(f.registry, "IncumbentBeaten");
      expect((await f.registry.beatenBy(f.taskId)).modelHash).to.equal(ethers.ZeroHash);
    });
  });
});
