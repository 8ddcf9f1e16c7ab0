// Model versions (issue 19): a task names an incumbent model asset, entered as entry 0 with no stake; a winner must
// strictly beat it, and the registry records the winner as the asset's next version with its lineage.
import { expect } from "chai";
import { dataSlice, keccak256, ZeroAddress, ZeroHash } from "ethers";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { sampleWithProof } from "../../../scripts/lib/test-set.mjs";
import { rawSha256Cid } from "../registry/cid.mjs";
import {
  CHALLENGE_WINDOW,
  REWARD,
  STAKE,
  commitModel,
  deployProtocol,
  honestEvaluation,
  makeScenario,
  NO_WINNER,
  Kind,
  postEvaluation,
  registerAsset,
  revealModel,
  revealTestSet,
  taskConfigFor,
  valueFor,
  winnerOf,
  minScoreFor,
} from "./fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const Fault = { Prediction: 0, Score: 1, Winner: 2 };

describe("Model versions: a task with an incumbent (issue 19)", function () {
  // Labels follow model 0, so model 0 scores every sample; models 1 and 2 score less.
  const scenario = makeScenario(19, { models: 3, size: 12 });

  async function deployed() {
    const protocol = await deployProtocol(ethers);
    // The DAO (the governance signer here) owns model 1 and funds the task itself.
    const dao = protocol.governance;
    const incumbentId = await registerAsset(protocol.registry, dao, scenario.models[1]);
    return { ...protocol, dao, incumbentId };
  }

  /** Creates a task naming model `incumbent` of the scenario as its incumbent; returns its id and config. */
  async function createWithIncumbent(p, { incumbent = 1, overrides = {} } = {}) {
    const config = await taskConfigFor(ethers, scenario, overrides);
    const tx = await p.tasks
      .connect(p.dao)
      .createTaskWithAssets(config, p.incumbentId, scenario.models[incumbent], 0, { value: valueFor(config, config.reward) });
    const receipt = await tx.wait();
    const taskId = receipt.logs.map((l) => p.tasks.interface.parseLog(l)).find((l) => l?.name === "TaskCreated").args.taskId;
    return { taskId, config, tx };
  }

  /** Trainers enter models `models` (trainer i enters models[i]); the test set is revealed. */
  async function ready({ models = [0], incumbent = 1 } = {}) {
    const p = await loadFixture(deployed);
    const { taskId, config } = await createWithIncumbent(p, { incumbent });
    for (const [i, m] of models.entries()) await commitModel(p.tasks, p.trainers[i], taskId, config, scenario, m);
    await time.increaseTo(config.commitDeadline);
    for (const [i, m] of models.entries()) await revealModel(p.tasks, p.trainers[i], taskId, scenario, m);
    await time.increaseTo(config.revealDeadline);
    await revealTestSet(p.tasks, p.dao, taskId, config, scenario);
    // Revealed models in commit order: the incumbent first.
    const revealed = [incumbent, ...models];
    return { ...p, taskId, config, revealed, honest: honestEvaluation(scenario, revealed) };
  }

  async function finalized(r, evaluation = r.honest) {
    await postEvaluation(r.verifier, r.evaluator, r.taskId, evaluation);
    await time.increase(CHALLENGE_WINDOW);
    return r.verifier.finalize(r.taskId);
  }

  describe("creation", function () {
    it("enters the incumbent as revealed entry 0, with no trainer, no stake and no commitment", async function () {
      const p = await loadFixture(deployed);
      const { taskId, tx } = await createWithIncumbent(p);
      await expect(tx).to.emit(p.registry, "TaskAssetsNamed").withArgs(taskId, p.incumbentId, 0);
      const entry = await p.tasks.entryAt(taskId, 0);
      expect([entry.trainer, entry.revealed, entry.commitment, entry.modelHash]).to.deep.equal([
        ZeroAddress, true, ZeroHash, keccak256(scenario.models[1]),
      ]);
      const state = await p.tasks.taskState(taskId);
      expect([state.entryCount, state.revealedCount]).to.deep.equal([1n, 1n]);
      const [entries, hashes] = await p.tasks.revealedModels(taskId);
      expect(entries).to.deep.equal([0n]);
      expect(hashes).to.deep.equal([keccak256(scenario.models[1])]);
      expect((await p.registry.taskAssetsOf(taskId)).incumbentAsset).to.equal(p.incumbentId);
    });

    it("takes one of the trainer slots: the last trainer slot is the cap minus one", async function () {
      const p = await loadFixture(deployed);
      const { taskId, config } = await createWithIncumbent(p, { overrides: { maxTrainers: 2, stake: REWARD } });
      await commitModel(p.tasks, p.trainers[0], taskId, config, scenario, 0);
      await expect(commitModel(p.tasks, p.trainers[1], taskId, config, scenario, 2))
        .to.be.revertedWithCustomError(p.tasks, "TrainerCapReached")
        .withArgs(taskId, 2);
    });

    const refused = [
      ["a caller that neither owns nor may manage the asset", async (p, config) =>
        [p.tasks.connect(p.submitter).createTaskWithAssets(config, p.incumbentId, scenario.models[1], 0, { value: config.reward }),
          p.registry, "ERC721InsufficientApproval", [p.submitter.address, p.incumbentId]]],
      ["bytes that are not the asset's", async (p, config) =>
        [p.tasks.connect(p.dao).createTaskWithAssets(config, p.incumbentId, scenario.models[2], 0, { value: config.reward }),
          p.registry, "IncumbentMismatch", [p.incumbentId, keccak256(scenario.models[1]), keccak256(scenario.models[2])]]],
      ["an asset that does not exist", async (p, config) =>
        [p.tasks.connect(p.dao).createTaskWithAssets(config, 99, scenario.models[1], 0, { value: config.reward }),
          p.registry, "ERC721NonexistentToken", [99]]],
      ["a dataset as the incumbent", async (p, config) => {
        const datasetId = await registerAsset(p.registry, p.dao, scenario.models[2], Kind.Dataset);
        return [p.tasks.connect(p.dao).createTaskWithAssets(config, datasetId, scenario.models[2], 0, { value: config.reward }),
          p.registry, "WrongAssetKind", [datasetId, Kind.Dataset, Kind.Model]];
      }],
      ["a single trainer slot (the incumbent takes it)", async (p, config) => {
        const single = { ...config, maxTrainers: 1 };
        return [p.tasks.connect(p.dao).createTaskWithAssets(single, p.incumbentId, scenario.models[1], 0, { value: config.reward }),
          p.tasks, "TrainerCapOutOfRange", [1, scenario.samples.length]];
      }],
      ["a large-model task given the bytes, not the commitment (rows root, header, CID; LargeIncumbent.test.mjs)", async (p, config) => {
        const large = { ...config, maxModelBytes: 200_000 };
        return [p.tasks.connect(p.dao).createTaskWithAssets(large, p.incumbentId, scenario.models[1], 0, { value: config.reward }),
          p.tasks, "ModelBadMagic", [dataSlice(scenario.models[1], 32, 36)]];
      }],
    ];
    for (const [what, attempt] of refused) {
      it(`refuses ${what}, changing nothing`, async function () {
        const p = await loadFixture(deployed);
        const config = await taskConfigFor(ethers, scenario);
        const [tx, contract, error, args] = await attempt(p, config);
        await expect(tx).to.be.revertedWithCustomError(contract, error).withArgs(...args);
        await expect(p.tasks.taskConfig(1)).to.be.revertedWithCustomError(p.tasks, "TaskNotFound");
        expect((await p.registry.taskAssetsOf(1)).incumbentAsset).to.equal(0n);
      });
    }

    it("refuses assets on a deployment without a registry", async function () {
      const p = await loadFixture(deployed);
      const bare = await ethers.deployContract("TrainingTasks", [p.verifier, ZeroAddress]);
      const config = await taskConfigFor(ethers, scenario);
      await expect(bare.connect(p.dao).createTaskWithAssets(config, p.incumbentId, scenario.models[1], 0, { value: config.reward }))
        .to.be.revertedWithCustomError(bare, "NoAssetRegistry");
    });

    it("lets only the training tasks name assets and record a beaten incumbent in the registry", async function () {
      const p = await loadFixture(deployed);
      await expect(p.registry.connect(p.dao).nameTaskAssets(1, p.dao.address, p.incumbentId, keccak256(scenario.models[1]), 0, ZeroHash))
        .to.be.revertedWithCustomError(p.registry, "NotTrainingTasks")
        .withArgs(p.dao.address);
      await expect(p.registry.connect(p.dao).recordIncumbentBeaten(1, keccak256(scenario.models[0]), 12))
        .to.be.revertedWithCustomError(p.registry, "NotTrainingTasks")
        .withArgs(p.dao.address);
    });
  });

  describe("entries", function () {
    it("must be new models: the incumbent's own bytes are refused", async function () {
      const p = await loadFixture(deployed);
      const { taskId, config } = await createWithIncumbent(p);
      const [alice] = p.trainers;
      await commitModel(p.tasks, alice, taskId, config, scenario, 1); // the incumbent's own bytes
      await time.increaseTo(config.commitDeadline);
      await expect(revealModel(p.tasks, alice, taskId, scenario, 1))
        .to.be.revertedWithCustomError(p.tasks, "ModelNotNew")
        .withArgs(keccak256(scenario.models[1]), ZeroAddress);
      expect((await p.tasks.entryAt(taskId, 1)).revealed).to.equal(false);
    });

    it("must be new models: one its trainer revealed in another task first is refused", async function () {
      const p = await loadFixture(deployed);
      const plainConfig = await taskConfigFor(ethers, scenario);
      await p.tasks.connect(p.submitter).createTask(plainConfig, { value: plainConfig.reward });
      const { taskId, config } = await createWithIncumbent(p);
      const [alice, bob] = p.trainers;
      await commitModel(p.tasks, bob, 1n, plainConfig, scenario, 2);
      await commitModel(p.tasks, alice, taskId, config, scenario, 2);
      await time.increaseTo(config.commitDeadline);
      await revealModel(p.tasks, bob, 1n, scenario, 2);
      await expect(revealModel(p.tasks, alice, taskId, scenario, 2))
        .to.be.revertedWithCustomError(p.tasks, "ModelNotNew")
        .withArgs(keccak256(scenario.models[2]), bob.address);
    });

    it("are nobody's to register but the version path's: the winning trainer cannot register its model", async function () {
      const r = await ready();
      const [alice] = r.trainers;
      const hash = keccak256(scenario.models[0]);
      expect(await r.tasks.authorOf(hash)).to.equal(await r.tasks.getAddress());
      await expect(r.registry.connect(alice).registerFor(alice.address, Kind.Model, hash, rawSha256Cid(scenario.models[0]), "ipfs://x"))
        .to.be.revertedWithCustomError(r.registry, "NotContentAuthor")
        .withArgs(hash, await r.tasks.getAddress(), alice.address);
    });
  });

  describe("evaluation", function () {
    it("pays a winner that beats the incumbent, and the registry registers it as the next version", async function () {
      const r = await ready({ models: [0, 2] });
      expect(r.honest.winner).to.equal(1); // model 0, entry 1, beat the incumbent
      const [alice] = r.trainers;
      const score = r.honest.scores[1];
      await expect(finalized(r))
        .to.emit(r.tasks, "TaskSettled")
        .withArgs(r.taskId, alice.address, REWARD, true)
        .and.to.emit(r.registry, "IncumbentBeaten")
        .withArgs(r.taskId, r.incumbentId, keccak256(scenario.models[0]), score);
      // The incumbent had no stake: exactly the trainers' stakes move, none to or from address zero.
      expect(await r.tasks.credits(ZeroAddress, ZeroAddress)).to.equal(0n);
      expect(await r.tasks.credits(ZeroAddress, alice.address)).to.equal(REWARD + STAKE);

      const versionId = r.incumbentId + 1n;
      await expect(r.registry.connect(r.outsider).registerNextVersion(r.taskId, scenario.models[0]))
        .to.emit(r.registry, "VersionRegistered")
        .withArgs(versionId, r.incumbentId, r.taskId, score)
        .and.to.emit(r.registry, "AssetRegistered")
        .withArgs(versionId, r.dao.address, Kind.Model, keccak256(scenario.models[0]), rawSha256Cid(scenario.models[0]), `ipfs://meta/${keccak256(scenario.models[1])}`);
      expect(await r.registry.ownerOf(versionId)).to.equal(r.dao.address);
      const lineage = await r.registry.versionOf(versionId);
      expect([lineage.previous, lineage.taskId, lineage.score]).to.deep.equal([r.incumbentId, r.taskId, BigInt(score)]);
      const original = await r.registry.versionOf(r.incumbentId);
      expect([original.previous, original.taskId, original.score]).to.deep.equal([0n, 0n, 0n]);
      expect((await r.registry.beatenBy(r.taskId)).tokenId).to.equal(versionId);
    });

    it("refuses a version registration with other bytes, twice, or for a task nobody beat the incumbent in", async function () {
      const r = await ready({ models: [0] });
      await expect(r.registry.registerNextVersion(r.taskId, scenario.models[0]))
        .to.be.revertedWithCustomError(r.registry, "NoNewVersion")
        .withArgs(r.taskId);
      await finalized(r);
      await expect(r.registry.registerNextVersion(r.taskId, scenario.models[2]))
        .to.be.revertedWithCustomError(r.registry, "VersionContentMismatch")
        .withArgs(keccak256(scenario.models[0]), keccak256(scenario.models[2]));
      await r.registry.registerNextVersion(r.taskId, scenario.models[0]);
      await expect(r.registry.registerNextVersion(r.taskId, scenario.models[0]))
        .to.be.revertedWithCustomError(r.registry, "VersionAlreadyRegistered")
        .withArgs(r.taskId, r.incumbentId + 1n);
    });

    it("returns the reward to the funder when the incumbent is best, and registers no version", async function () {
      // The incumbent is model 0, which scores every sample.
      const p = await loadFixture(deployed);
      const strongId = await registerAsset(p.registry, p.dao, scenario.models[0]);
      const config = await taskConfigFor(ethers, scenario);
      await p.tasks.connect(p.dao).createTaskWithAssets(config, strongId, scenario.models[0], 0, { value: config.reward });
      const taskId = 1n;
      const [alice] = p.trainers;
      await commitModel(p.tasks, alice, taskId, config, scenario, 2);
      await time.increaseTo(config.commitDeadline);
      await revealModel(p.tasks, alice, taskId, scenario, 2);
      await time.increaseTo(config.revealDeadline);
      await revealTestSet(p.tasks, p.dao, taskId, config, scenario);
      const honest = honestEvaluation(scenario, [0, 2]);
      expect(honest.winner).to.equal(0);
      const settlement = await finalized({ ...p, taskId, honest });
      await expect(settlement).to.emit(p.tasks, "TaskSettled").withArgs(taskId, p.dao.address, REWARD, true);
      await expect(settlement).not.to.emit(p.registry, "IncumbentBeaten");
      expect(await p.tasks.credits(ZeroAddress, p.dao.address)).to.equal(REWARD);
      await expect(p.registry.registerNextVersion(taskId, scenario.models[2])).to.be.revertedWithCustomError(p.registry, "NoNewVersion");
    });

    it("overturns a result that names an entry only tying the incumbent (a winner must strictly beat it)", async function () {
      const r = await ready({ models: [0] });
      const tied = Math.max(...r.honest.scores);
      const lie = { ...r.honest, scores: [tied, tied], winner: 1 };
      const { result } = await postEvaluation(r.verifier, r.evaluator, r.taskId, lie);
      await expect(r.verifier.connect(r.challenger).challengeWinner(r.taskId, result))
        .to.emit(r.verifier, "ResultOverturned")
        .withArgs(r.taskId, r.evaluator.address, r.challenger.address, Fault.Winner, (v) => v > 0n, (v) => v > 0n);
    });

    it("proves a wrong prediction of the incumbent in one transaction, with the registered bytes", async function () {
      const r = await ready({ models: [0] });
      const lying = { ...r.honest, predictions: r.honest.predictions.map((p) => Uint8Array.from(p)) };
      lying.predictions[0][3] = (lying.predictions[0][3] + 1) % 3;
      const lie = { ...lying, scores: r.honest.scores };
      const { result } = await postEvaluation(r.verifier, r.evaluator, r.taskId, lie);
      await expect(
        r.verifier
          .connect(r.challenger)
          .challengePrediction(r.taskId, result, 0, lie.predictions[0], scenario.models[1], sampleWithProof(scenario.tree, 3)),
      )
        .to.emit(r.verifier, "ResultOverturned")
        .withArgs(r.taskId, r.evaluator.address, r.challenger.address, Fault.Prediction, (v) => v > 0n, (v) => v > 0n);
    });
  });

  describe("settlement without evaluation", function () {
    it("returns the reward when no trainer revealed: the incumbent does not count as a reveal", async function () {
      const p = await loadFixture(deployed);
      const { taskId, config } = await createWithIncumbent(p);
      await commitModel(p.tasks, p.trainers[0], taskId, config, scenario, 0);
      await time.increaseTo(config.revealDeadline);
      await expect(p.tasks.settleWithoutEvaluation(taskId))
        .to.emit(p.tasks, "TaskSettled")
        .withArgs(taskId, p.dao.address, REWARD, false)
        .and.to.emit(p.tasks, "StakesForfeited")
        .withArgs(taskId, p.treasury.address, STAKE);
    });

    it("splits a withheld test set's reward among the trainers only", async function () {
      const p = await loadFixture(deployed);
      const { taskId, config } = await createWithIncumbent(p);
      const [alice, bob] = p.trainers;
      await commitModel(p.tasks, alice, taskId, config, scenario, 0);
      await commitModel(p.tasks, bob, taskId, config, scenario, 2);
      await time.increaseTo(config.commitDeadline);
      await revealModel(p.tasks, alice, taskId, scenario, 0);
      await revealModel(p.tasks, bob, taskId, scenario, 2);
      await time.increaseTo(config.testSetRevealDeadline);
      await p.tasks.settleWithoutEvaluation(taskId);
      expect(await p.tasks.credits(ZeroAddress, alice.address)).to.equal(STAKE + REWARD / 2n);
      expect(await p.tasks.credits(ZeroAddress, bob.address)).to.equal(STAKE + REWARD / 2n);
      expect(await p.tasks.credits(ZeroAddress, ZeroAddress)).to.equal(0n);
    });
  });

  describe("fuzz", function () {
    const SEEDS = 6;
    for (let seed = 0; seed < SEEDS; seed++) {
      it(`seed ${seed}: the honest result pays a trainer only when it strictly beats the incumbent`, async function () {
        const rng = createRng(1900 + seed);
        const s = makeScenario(1900 + seed, { models: 4, size: 12, trainedModel: rng.int(0, 1) ? null : rng.int(0, 3) });
        const p = await loadFixture(deployed);
        const incumbent = rng.int(0, 3);
        const incumbentId = await registerAsset(p.registry, p.dao, s.models[incumbent]);
        const entered = [0, 1, 2, 3].filter((m) => m !== incumbent).slice(0, rng.int(1, 3));
        const config = await taskConfigFor(ethers, s, { minScore: minScoreFor(s) });
        await p.tasks.connect(p.dao).createTaskWithAssets(config, incumbentId, s.models[incumbent], 0, { value: config.reward });
        const taskId = 1n;
        for (const [i, m] of entered.entries()) await commitModel(p.tasks, p.trainers[i], taskId, config, s, m);
        await time.increaseTo(config.commitDeadline);
        for (const [i, m] of entered.entries()) await revealModel(p.tasks, p.trainers[i], taskId, s, m);
        await time.increaseTo(config.revealDeadline);
        await revealTestSet(p.tasks, p.dao, taskId, config, s);
        const honest = honestEvaluation(s, [incumbent, ...entered]);
        await postEvaluation(p.verifier, p.evaluator, taskId, honest);
        await time.increase(CHALLENGE_WINDOW);
        await p.verifier.finalize(taskId);

        const best = Math.max(...honest.scores.slice(1));
        const beaten = best > honest.scores[0] && best >= config.minScore;
        const expected = winnerOf(honest.scores, config.minScore);
        expect(honest.winner).to.equal(expected);
        expect(beaten).to.equal(expected !== NO_WINNER && expected !== 0);
        const beatenBy = await p.registry.beatenBy(taskId);
        if (beaten) {
          expect(beatenBy.modelHash).to.equal(keccak256(s.models[entered[expected - 1]]));
          await p.registry.registerNextVersion(taskId, s.models[entered[expected - 1]]);
          expect((await p.registry.versionOf(incumbentId + 1n)).previous).to.equal(incumbentId);
        } else {
          expect(beatenBy.modelHash).to.equal(ZeroHash);
          expect(await p.tasks.credits(ZeroAddress, p.dao.address)).to.equal(REWARD);
        }
      });
    }
  });
});
