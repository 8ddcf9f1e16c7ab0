import { expect } from "chai";
import { id, keccak256, parseEther, ZeroAddress, ZeroHash } from "ethers";
import { network } from "hardhat";
import { encodeModel, randomModel, createRng } from "../../../scripts/lib/evaluation.mjs";
import { chunkReveal, labelsDigest, modelCommitment } from "../../../scripts/lib/test-set.mjs";
import {
  REWARD,
  STAKE,
  commitModel,
  createTask,
  deployProtocol,
  makeScenario,
  revealModel,
  revealTestSet,
  taskConfigFor,
  taskReadyForEvaluation,
} from "./fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

describe("TrainingTasks", function () {
  const scenario = makeScenario(1);
  const deploy = () => deployProtocol(ethers);

  describe("createTask", function () {
    it("escrows an ETH reward and records the terms", async function () {
      const protocol = await loadFixture(deploy);
      const { tasks, submitter } = protocol;
      const config = await taskConfigFor(ethers, scenario);
      const tx = tasks.connect(submitter).createTask(config, { value: REWARD });
      await expect(tx).to.changeEtherBalances(ethers, [submitter, tasks], [-REWARD, REWARD]);
      await expect(tx).to.emit(tasks, "TaskCreated");
      const stored = await tasks.taskConfig(1);
      expect(stored.testSetRoot).to.equal(scenario.tree.root);
      expect(stored.reward).to.equal(REWARD);
      expect((await tasks.taskState(1)).submitter).to.equal(submitter.address);
    });

    it("escrows an ERC-20 reward", async function () {
      const { tasks, token, submitter } = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario, { token: await token.getAddress() });
      await expect(tasks.connect(submitter).createTask(config)).to.changeTokenBalances(
        ethers,
        token,
        [submitter, tasks],
        [-REWARD, REWARD],
      );
    });

    it("rejects a zero reward", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario, { reward: 0n });
      await expect(tasks.connect(submitter).createTask(config)).to.be.revertedWithCustomError(tasks, "ZeroReward");
    });

    it("rejects a zero test-set root", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario, { testSetRoot: ZeroHash });
      await expect(tasks.connect(submitter).createTask(config, { value: REWARD })).to.be.revertedWithCustomError(
        tasks,
        "ZeroTestSetRoot",
      );
    });

    const invalid = [
      ["TestSetSizeOutOfRange", { testSetSize: 0 }, [0, 10_000]],
      ["TestSetSizeOutOfRange", { testSetSize: 10_001 }, [10_001, 10_000]],
      ["InvalidIoShape", { inputSize: 0 }, [0, 3]],
      ["InvalidIoShape", { inputSize: 4097 }, [4097, 3]],
      ["InvalidIoShape", { classes: 1 }, [8, 1]],
      ["InvalidIoShape", { classes: 257 }, [8, 257]],
      ["InvalidChunkSize", { chunkSize: 0 }, [0, 9]],
      ["InvalidChunkSize", { chunkSize: 6 }, [6, 9]],
      ["InvalidChunkSize", { chunkSize: 16384 }, [16384, 9]],
      ["TrainerCapOutOfRange", { maxTrainers: 0 }, [0, 10]],
      ["TrainerCapOutOfRange", { maxTrainers: 65 }, [65, 10]],
      ["TrainerCapOutOfRange", { maxTrainers: 13, testSetSize: 10_000, chunkSize: 16 }, [13, 10_000]],
      ["TooManyChunks", { testSetSize: 10_000, chunkSize: 8 }, [1250, 1024]],
      ["ModelLimitsOutOfRange", { maxLayers: 0 }, [0, 1000, 1000]],
      ["ModelLimitsOutOfRange", { maxLayers: 9 }, [9, 1000, 1000]],
      ["ModelLimitsOutOfRange", { maxMacs: 0 }, [3, 0, 1000]],
      ["ModelLimitsOutOfRange", { maxMacs: 100_001 }, [3, 100_001, 1000]],
      ["ModelLimitsOutOfRange", { maxModelBytes: 0 }, [3, 1000, 0]],
      // Above MAX_MODEL_BYTES a task opts in to large models (TrainingTasks.MAX_LARGE_*: the format's limits).
      ["ModelLimitsOutOfRange", { maxModelBytes: 134_348_832 }, [3, 1000, 134_348_832]],
      ["ModelLimitsOutOfRange", { maxModelBytes: 100_001, maxMacs: 134_217_729 }, [3, 134_217_729, 100_001]],
    ];
    for (const [error, overrides, args] of invalid) {
      it(`rejects ${JSON.stringify(overrides)} with ${error}`, async function () {
        const { tasks, submitter } = await loadFixture(deploy);
        const config = await taskConfigFor(ethers, scenario, overrides);
        await expect(tasks.connect(submitter).createTask(config, { value: REWARD }))
          .to.be.revertedWithCustomError(tasks, error)
          .withArgs(...args);
      });
    }

    it("rejects deadlines that are past, out of order or closer than MIN_WINDOW", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const base = await taskConfigFor(ethers, scenario);
      const day = 86_400;
      const c = base.commitDeadline;
      for (const [commit, reveal, testSet, opens, closes] of [
        [c - 2 * day, c + day, c + 2 * day, null, c - 2 * day],
        [c, c, c + 2 * day, c, c],
        [c, c + day, c + day - 1, c + day, c + day - 1],
        [c, c + day - 1, c + 3 * day, c, c + day - 1],
      ]) {
        const config = { ...base, commitDeadline: commit, revealDeadline: reveal, testSetRevealDeadline: testSet };
        const revert = expect(tasks.connect(submitter).createTask(config, { value: REWARD })).to.be.revertedWithCustomError(
          tasks,
          "WindowTooShort",
        );
        // The commit window opens at the creating block's timestamp, which the test does not pin.
        if (opens !== null) await revert.withArgs(opens, closes, day);
        else await revert;
      }
    });

    it("rejects a wrong ETH amount, and ETH alongside an ERC-20 reward", async function () {
      const { tasks, token, submitter } = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario);
      await expect(tasks.connect(submitter).createTask(config, { value: REWARD - 1n }))
        .to.be.revertedWithCustomError(tasks, "IncorrectPayment")
        .withArgs(REWARD, REWARD - 1n);
      const erc20 = { ...config, token: await token.getAddress() };
      await expect(tasks.connect(submitter).createTask(erc20, { value: 1n }))
        .to.be.revertedWithCustomError(tasks, "IncorrectPayment")
        .withArgs(0, 1);
    });

    it("reports unknown tasks", async function () {
      const { tasks } = await loadFixture(deploy);
      await expect(tasks.taskConfig(7)).to.be.revertedWithCustomError(tasks, "TaskNotFound").withArgs(7);
      await expect(tasks.taskState(7)).to.be.revertedWithCustomError(tasks, "TaskNotFound").withArgs(7);
      expect(await tasks.isTestSetRevealed(7)).to.equal(false);
    });
  });

  describe("commit", function () {
    // `overrides` may be a function of the deployed protocol.
    async function openTask(overrides = {}) {
      const protocol = await loadFixture(deploy);
      const terms = typeof overrides === "function" ? await overrides(protocol) : overrides;
      const config = await taskConfigFor(ethers, scenario, terms);
      const taskId = await createTask(protocol.tasks, protocol.submitter, config);
      return { ...protocol, config, taskId };
    }

    it("escrows the stake and records the commit order", async function () {
      const { tasks, trainers, config, taskId } = await openTask();
      const [alice, bob] = trainers;
      const commitment = modelCommitment(keccak256(scenario.models[0]), scenario.salts[0], alice.address, taskId);
      expect(await tasks.commitmentOf(keccak256(scenario.models[0]), scenario.salts[0], alice.address, taskId)).to.equal(
        commitment,
      );
      const tx = tasks.connect(alice).commit(taskId, commitment, { value: STAKE });
      await expect(tx).to.changeEtherBalances(ethers, [alice, tasks], [-STAKE, STAKE]);
      await expect(tx).to.emit(tasks, "Committed").withArgs(taskId, 0, alice.address, commitment);
      await commitModel(tasks, bob, taskId, config, scenario, 1);
      expect((await tasks.entryAt(taskId, 1)).trainer).to.equal(bob.address);
      expect((await tasks.taskState(taskId)).entryCount).to.equal(2);
    });

    it("takes an ERC-20 stake", async function () {
      const { tasks, token, trainers, config, taskId } = await openTask(async ({ token }) => ({
        token: await token.getAddress(),
      }));
      await expect(commitModel(tasks, trainers[0], taskId, config, scenario, 0)).to.changeTokenBalances(
        ethers,
        token,
        [trainers[0], tasks],
        [-STAKE, STAKE],
      );
    });

    it("rejects unknown tasks, late commits and zero commitments", async function () {
      const { tasks, trainers, config, taskId } = await openTask();
      await expect(tasks.connect(trainers[0]).commit(99, id("c"), { value: STAKE }))
        .to.be.revertedWithCustomError(tasks, "TaskNotFound")
        .withArgs(99);
      await expect(tasks.connect(trainers[0]).commit(taskId, ZeroHash, { value: STAKE })).to.be.revertedWithCustomError(
        tasks,
        "ZeroCommitment",
      );
      await time.increaseTo(config.commitDeadline);
      await expect(tasks.connect(trainers[0]).commit(taskId, id("c"), { value: STAKE }))
        .to.be.revertedWithCustomError(tasks, "OutsideWindow")
        .withArgs(taskId, 0, config.commitDeadline);
    });

    it("rejects a second commitment, a full task and a wrong stake", async function () {
      const { tasks, trainers, config, taskId } = await openTask({ maxTrainers: 2, reward: STAKE });
      const [alice, bob, carol] = trainers;
      await expect(tasks.connect(alice).commit(taskId, id("a"), { value: STAKE - 1n }))
        .to.be.revertedWithCustomError(tasks, "IncorrectPayment")
        .withArgs(STAKE, STAKE - 1n);
      await commitModel(tasks, alice, taskId, config, scenario, 0);
      await expect(tasks.connect(alice).commit(taskId, id("again"), { value: STAKE }))
        .to.be.revertedWithCustomError(tasks, "AlreadyCommitted")
        .withArgs(taskId, alice.address);
      await commitModel(tasks, bob, taskId, config, scenario, 1);
      await expect(tasks.connect(carol).commit(taskId, id("c"), { value: STAKE }))
        .to.be.revertedWithCustomError(tasks, "TrainerCapReached")
        .withArgs(taskId, 2);
    });
  });

  describe("reveal", function () {
    async function committedTask(overrides = {}) {
      const protocol = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario, overrides);
      const taskId = await createTask(protocol.tasks, protocol.submitter, config);
      for (let m = 0; m < 2; m++) await commitModel(protocol.tasks, protocol.trainers[m], taskId, config, scenario, m);
      return { ...protocol, config, taskId };
    }

    it("checks the model bytes, emits the location and keeps the stake until settlement", async function () {
      const { tasks, trainers, config, taskId } = await committedTask();
      const [alice] = trainers;
      await time.increaseTo(config.commitDeadline);
      await expect(revealModel(tasks, alice, taskId, scenario, 0))
        .to.emit(tasks, "ModelRevealed")
        .withArgs(taskId, 0, alice.address, keccak256(scenario.models[0]), "ipfs://model-0")
        .and.not.to.emit(tasks, "Credited");
      expect(await tasks.credits(ZeroAddress, alice.address)).to.equal(0);
      const entry = await tasks.entryAt(taskId, 0);
      expect(entry.revealed).to.equal(true);
      expect(entry.modelHash).to.equal(keccak256(scenario.models[0]));
    });

    it("opens only between the commit and reveal deadlines", async function () {
      const { tasks, trainers, config, taskId } = await committedTask();
      await expect(revealModel(tasks, trainers[0], taskId, scenario, 0))
        .to.be.revertedWithCustomError(tasks, "OutsideWindow")
        .withArgs(taskId, config.commitDeadline, config.revealDeadline);
      await time.increaseTo(config.revealDeadline);
      await expect(revealModel(tasks, trainers[0], taskId, scenario, 0)).to.be.revertedWithCustomError(
        tasks,
        "OutsideWindow",
      );
    });

    it("rejects strangers, second reveals and mismatching commitments", async function () {
      const { tasks, trainers, config, taskId } = await committedTask();
      const [alice, bob, carol] = trainers;
      await time.increaseTo(config.commitDeadline);
      await expect(revealModel(tasks, carol, taskId, scenario, 0))
        .to.be.revertedWithCustomError(tasks, "NotCommitted")
        .withArgs(taskId, carol.address);
      // Bob reveals Alice's model and salt: the commitment binds the trainer, so it does not match.
      const stolen = modelCommitment(keccak256(scenario.models[0]), scenario.salts[0], bob.address, taskId);
      await expect(revealModel(tasks, bob, taskId, scenario, 0))
        .to.be.revertedWithCustomError(tasks, "CommitmentMismatch")
        .withArgs((await tasks.entryAt(taskId, 1)).commitment, stolen);
      await revealModel(tasks, alice, taskId, scenario, 0);
      await expect(revealModel(tasks, alice, taskId, scenario, 0))
        .to.be.revertedWithCustomError(tasks, "AlreadyRevealed")
        .withArgs(taskId, 0);
    });

    it("rejects models outside the task's limits", async function () {
      const rng = createRng(5);
      const wrongInput = encodeModel(randomModel(rng, [7, 4, 3]));
      const wrongClasses = encodeModel(randomModel(rng, [8, 4, 4]));
      const tooDeep = encodeModel(randomModel(rng, [8, 4, 4, 3]));
      const tooManyMacs = encodeModel(randomModel(rng, [8, 40, 3]));
      const tooBig = encodeModel(randomModel(rng, [8, 100, 3]));
      const submissions = [
        [wrongInput, "ModelOutsideLimits"],
        [wrongClasses, "ModelOutsideLimits"],
        [tooDeep, "ModelOutsideLimits"],
        [tooManyMacs, "ModelOutsideLimits"],
        [tooBig, "ModelTooLarge"],
      ];
      const protocol = await loadFixture(deploy);
      const { tasks, submitter } = protocol;
      const config = await taskConfigFor(ethers, scenario, { maxLayers: 2, maxMacs: 200, maxModelBytes: 1000 });
      const taskId = await createTask(tasks, submitter, config);
      const salt = id("salt");
      for (let k = 0; k < submissions.length; k++) {
        const trainer = (await ethers.getSigners())[10 + k];
        const model = submissions[k][0];
        await tasks
          .connect(trainer)
          .commit(taskId, modelCommitment(keccak256(model), salt, trainer.address, taskId), { value: STAKE });
      }
      await time.increaseTo(config.commitDeadline);
      for (let k = 0; k < submissions.length; k++) {
        const trainer = (await ethers.getSigners())[10 + k];
        const [model, error] = submissions[k];
        await expect(tasks.connect(trainer).reveal(taskId, salt, "", model)).to.be.revertedWithCustomError(tasks, error);
      }
    });

    it("rejects bytes that are not a valid model", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario);
      const taskId = await createTask(tasks, submitter, config);
      const trainer = (await ethers.getSigners())[10];
      const garbage = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const salt = id("salt");
      await tasks
        .connect(trainer)
        .commit(taskId, modelCommitment(keccak256(garbage), salt, trainer.address, taskId), { value: STAKE });
      await time.increaseTo(config.commitDeadline);
      await expect(tasks.connect(trainer).reveal(taskId, salt, "", garbage)).to.be.revertedWithCustomError(
        tasks,
        "ModelBadMagic",
      );
    });
  });

  describe("revealTestSetChunk", function () {
    async function revealedModels() {
      const protocol = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario);
      const taskId = await createTask(protocol.tasks, protocol.submitter, config);
      await commitModel(protocol.tasks, protocol.trainers[0], taskId, config, scenario, 0);
      await time.increaseTo(config.commitDeadline);
      await revealModel(protocol.tasks, protocol.trainers[0], taskId, scenario, 0);
      return { ...protocol, config, taskId };
    }

    it("accepts the chunks in order and keeps the labels digest", async function () {
      const { tasks, outsider, config, taskId } = await revealedModels();
      await time.increaseTo(config.revealDeadline);
      const labels = scenario.samples.map((s) => s.label);
      const chunk0 = chunkReveal(scenario.tree, config.chunkSize, 0);
      const digest0 = labelsDigest(labels.slice(0, 4), 10, config.chunkSize);
      // Anyone holding the data can reveal it.
      await expect(tasks.connect(outsider).revealTestSetChunk(taskId, 0, chunk0.records, chunk0.proof))
        .to.emit(tasks, "TestSetChunkRevealed")
        .withArgs(taskId, 0, ZeroHash, digest0);
      expect(await tasks.isTestSetRevealed(taskId)).to.equal(false);
      const chunk1 = chunkReveal(scenario.tree, config.chunkSize, 1);
      await tasks.revealTestSetChunk(taskId, 1, chunk1.records, chunk1.proof);
      const last = chunkReveal(scenario.tree, config.chunkSize, 2);
      const digest = labelsDigest(labels, 10, config.chunkSize);
      await expect(tasks.revealTestSetChunk(taskId, 2, last.records, last.proof))
        .to.emit(tasks, "TestSetRevealed")
        .withArgs(taskId, digest);
      expect(await tasks.isTestSetRevealed(taskId)).to.equal(true);
      expect((await tasks.taskState(taskId)).labelsDigest).to.equal(digest);
      await expect(tasks.revealTestSetChunk(taskId, 3, last.records, last.proof))
        .to.be.revertedWithCustomError(tasks, "TestSetAlreadyRevealed")
        .withArgs(taskId);
    });

    it("handles a test set smaller than one chunk and a single sample", async function () {
      for (const size of [1, 3]) {
        const small = makeScenario(2, { size, models: 1 });
        const protocol = await loadFixture(deploy);
        const { taskId } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, small, {
          overrides: { chunkSize: 8 },
        });
        expect(await protocol.tasks.isTestSetRevealed(taskId)).to.equal(true);
      }
    });

    it("opens only between the reveal and test-set deadlines", async function () {
      const { tasks, config, taskId } = await revealedModels();
      const chunk = chunkReveal(scenario.tree, config.chunkSize, 0);
      await expect(tasks.revealTestSetChunk(taskId, 0, chunk.records, chunk.proof))
        .to.be.revertedWithCustomError(tasks, "OutsideWindow")
        .withArgs(taskId, config.revealDeadline, config.testSetRevealDeadline);
      await time.increaseTo(config.testSetRevealDeadline);
      await expect(tasks.revealTestSetChunk(taskId, 0, chunk.records, chunk.proof)).to.be.revertedWithCustomError(
        tasks,
        "OutsideWindow",
      );
    });

    it("rejects chunks out of order, of the wrong length or not in the tree", async function () {
      const { tasks, config, taskId } = await revealedModels();
      await time.increaseTo(config.revealDeadline);
      const chunk0 = chunkReveal(scenario.tree, config.chunkSize, 0);
      const chunk1 = chunkReveal(scenario.tree, config.chunkSize, 1);
      await expect(tasks.revealTestSetChunk(taskId, 1, chunk1.records, chunk1.proof))
        .to.be.revertedWithCustomError(tasks, "UnexpectedChunk")
        .withArgs(taskId, 0, 1);
      await expect(tasks.revealTestSetChunk(taskId, 0, chunk0.records.slice(0, -2), chunk0.proof))
        .to.be.revertedWithCustomError(tasks, "ChunkLengthMismatch")
        .withArgs(36, 35);
      await expect(tasks.revealTestSetChunk(taskId, 0, chunk0.records, chunk0.proof.slice(1)))
        .to.be.revertedWithCustomError(tasks, "InvalidChunkProof")
        .withArgs(taskId, 0);
      // A changed label breaks the proof.
      const forged = "0x" + (Number.parseInt(chunk0.records.slice(2, 4), 16) ^ 1).toString(16).padStart(2, "0") + chunk0.records.slice(4);
      await expect(tasks.revealTestSetChunk(taskId, 0, forged, chunk0.proof))
        .to.be.revertedWithCustomError(tasks, "InvalidChunkProof")
        .withArgs(taskId, 0);
      // Chunk 1's data posed as chunk 0 fails too: leaves bind their index.
      await expect(tasks.revealTestSetChunk(taskId, 0, chunk1.records, chunk0.proof)).to.be.revertedWithCustomError(
        tasks,
        "InvalidChunkProof",
      );
    });
  });

  describe("settleWithoutEvaluation", function () {
    it("splits the reward among revealed trainers when the test set is withheld", async function () {
      const protocol = await loadFixture(deploy);
      const { tasks, submitter, trainers, treasury } = protocol;
      const config = await taskConfigFor(ethers, scenario);
      const taskId = await createTask(tasks, submitter, config);
      for (let m = 0; m < 3; m++) await commitModel(tasks, trainers[m], taskId, config, scenario, m);
      await time.increaseTo(config.commitDeadline);
      await revealModel(tasks, trainers[0], taskId, scenario, 0);
      await revealModel(tasks, trainers[2], taskId, scenario, 2);
      await time.increaseTo(config.revealDeadline);
      // Only part of the test set is revealed: still withheld.
      const chunk = chunkReveal(scenario.tree, config.chunkSize, 0);
      await tasks.connect(submitter).revealTestSetChunk(taskId, 0, chunk.records, chunk.proof);
      await expect(tasks.settleWithoutEvaluation(taskId))
        .to.be.revertedWithCustomError(tasks, "EvaluationPending")
        .withArgs(taskId);
      await time.increaseTo(config.testSetRevealDeadline);

      // The reward is split between Alice and Carol; Bob's stake goes to the treasury.
      const pool = REWARD;
      await expect(tasks.settleWithoutEvaluation(taskId))
        .to.emit(tasks, "TaskSettled")
        .withArgs(taskId, ZeroAddress, pool, false)
        .and.to.emit(tasks, "StakesForfeited")
        .withArgs(taskId, treasury.address, STAKE);
      const [alice, bob, carol] = trainers;
      expect(await tasks.credits(ZeroAddress, alice.address)).to.equal(STAKE + pool / 2n);
      expect(await tasks.credits(ZeroAddress, carol.address)).to.equal(STAKE + pool / 2n);
      expect(await tasks.credits(ZeroAddress, bob.address)).to.equal(0);
      expect(await tasks.credits(ZeroAddress, submitter.address)).to.equal(0);
      await expect(tasks.connect(bob).withdraw(ZeroAddress))
        .to.be.revertedWithCustomError(tasks, "NothingToWithdraw")
        .withArgs(ZeroAddress, bob.address);
      await expect(tasks.connect(carol).withdraw(ZeroAddress)).to.changeEtherBalance(ethers, carol, STAKE + pool / 2n);
      await expect(tasks.settleWithoutEvaluation(taskId))
        .to.be.revertedWithCustomError(tasks, "TaskAlreadySettled")
        .withArgs(taskId);
    });

    it("gives the rounding remainder to the first revealed trainer and leaves no dust", async function () {
      const protocol = await loadFixture(deploy);
      const { tasks, token, submitter, trainers } = protocol;
      const config = await taskConfigFor(ethers, scenario, { token: await token.getAddress(), reward: 100n, stake: 15n });
      const taskId = await createTask(tasks, submitter, config);
      for (let m = 0; m < 3; m++) await commitModel(tasks, trainers[m], taskId, config, scenario, m);
      await time.increaseTo(config.commitDeadline);
      for (let m = 0; m < 3; m++) await revealModel(tasks, trainers[m], taskId, scenario, m);
      await time.increaseTo(config.testSetRevealDeadline);
      await tasks.settleWithoutEvaluation(taskId);
      const credits = await Promise.all(trainers.map((t) => tasks.credits(token, t.address)));
      expect(credits).to.deep.equal([49n, 48n, 48n]);
      for (const t of trainers) await tasks.connect(t).withdraw(token);
      expect(await token.balanceOf(tasks)).to.equal(0);
    });

    it("returns the reward to the submitter and the stakes to the treasury when no model was revealed", async function () {
      const protocol = await loadFixture(deploy);
      const { tasks, submitter, trainers, treasury } = protocol;
      const config = await taskConfigFor(ethers, scenario);
      const taskId = await createTask(tasks, submitter, config);
      await commitModel(tasks, trainers[0], taskId, config, scenario, 0);
      await time.increaseTo(config.commitDeadline);
      await expect(tasks.settleWithoutEvaluation(taskId)).to.be.revertedWithCustomError(tasks, "EvaluationPending");
      await time.increaseTo(config.revealDeadline);
      await expect(tasks.settleWithoutEvaluation(taskId))
        .to.emit(tasks, "TaskSettled")
        .withArgs(taskId, submitter.address, REWARD, false)
        .and.to.emit(tasks, "StakesForfeited")
        .withArgs(taskId, treasury.address, STAKE);
      await expect(tasks.connect(submitter).withdraw(ZeroAddress)).to.changeEtherBalance(ethers, submitter, REWARD);
      expect(await tasks.credits(ZeroAddress, treasury.address)).to.equal(STAKE);
    });

    it("refuses once the test set is revealed and a model can win", async function () {
      const protocol = await loadFixture(deploy);
      const { taskId, config } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
      await time.increaseTo(config.testSetRevealDeadline);
      await expect(protocol.tasks.settleWithoutEvaluation(taskId)).to.be.revertedWithCustomError(
        protocol.tasks,
        "EvaluationPending",
      );
    });
  });

  describe("settleEvaluated", function () {
    // A tasks contract settled by a stand-in verifier reaches the guards the real verifier never trips.
    async function directlySettled() {
      const protocol = await loadFixture(deploy);
      const judge = await ethers.deployContract("StandInVerifier", [protocol.treasury.address]);
      const tasks = await ethers.deployContract("TrainingTasks", [judge, ZeroAddress]);
      for (const t of [protocol.submitter, ...protocol.trainers]) await protocol.token.connect(t).approve(tasks, parseEther("1000"));
      return { ...protocol, tasks, judge };
    }

    it("pays the reward to the winner and returns qualified stakes, only from the verifier", async function () {
      const protocol = await directlySettled();
      const { tasks, judge, trainers, outsider, token } = protocol;
      const { taskId, config } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, {
        overrides: { token: await token.getAddress() },
        committing: 3,
        revealing: [0, 1],
      });
      await expect(tasks.connect(outsider).settleEvaluated(taskId, 1, 0, 0b11))
        .to.be.revertedWithCustomError(tasks, "UnauthorizedVerifier")
        .withArgs(outsider.address);
      const settle = (winner, qualified) => judge.settle(tasks, taskId, winner, qualified);
      await expect(settle(2, 0b111))
        .to.be.revertedWithCustomError(tasks, "EntryNotRevealed")
        .withArgs(taskId, 2);
      await expect(settle(0, 0b10))
        .to.be.revertedWithCustomError(tasks, "WinnerNotQualified")
        .withArgs(taskId, 0);
      // Entry 0 scored below the baseline, entry 2 never revealed: both stakes go to the treasury.
      await expect(settle(1, 0b110))
        .to.emit(tasks, "TaskSettled")
        .withArgs(taskId, trainers[1].address, config.reward, true)
        .and.to.emit(tasks, "StakesForfeited")
        .withArgs(taskId, protocol.treasury.address, 2n * config.stake);
      await expect(tasks.connect(trainers[1]).withdraw(token)).to.changeTokenBalance(
        ethers,
        token,
        trainers[1],
        config.reward + config.stake,
      );
      expect(await tasks.credits(token, trainers[0].address)).to.equal(0);
      await expect(settle(1, 0b110))
        .to.be.revertedWithCustomError(tasks, "TaskAlreadySettled")
        .withArgs(taskId);
    });

    it("waits for the whole test set", async function () {
      const protocol = await directlySettled();
      const { tasks, judge, submitter, trainers } = protocol;
      const config = await taskConfigFor(ethers, scenario);
      const taskId = await createTask(tasks, submitter, config);
      await commitModel(tasks, trainers[0], taskId, config, scenario, 0);
      await time.increaseTo(config.commitDeadline);
      await revealModel(tasks, trainers[0], taskId, scenario, 0);
      const settle = (winner, qualified) => judge.settle(tasks, taskId, winner, qualified);
      await expect(settle(0, 1))
        .to.be.revertedWithCustomError(tasks, "TestSetNotRevealed")
        .withArgs(taskId);
      await time.increaseTo(config.revealDeadline);
      await revealTestSet(tasks, submitter, taskId, config, scenario);
      await settle(0, 1);
    });
  });
});
