// Issue 8, item 1: trainer-slot squatting. Filling slots with junk or idle commitments forfeits at least the
// reward to the treasury, a model below the submitter's baseline is never paid, and its stake never returns.
import { expect } from "chai";
import { keccak256, parseEther, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment } from "../../../scripts/lib/test-set.mjs";
import {
  CHALLENGE_WINDOW,
  NO_WINNER,
  REWARD,
  createTask,
  deployProtocol,
  honestEvaluation,
  makeScenario,
  postEvaluation,
  revealTestSet,
  taskConfigFor,
} from "./fixtures.mjs";
import { zeroModel } from "./models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

describe("TrainingTasks trainer slots (issue 8, item 1)", function () {
  // Model 0 labels the test set (a trained model); models 1 and 2 are random; model 3 predicts class 0 always.
  const base = makeScenario(11, { models: 3, size: 12 });
  const scenario = { ...base, models: [...base.models, zeroModel(base.dims)], salts: [...base.salts, keccak256("0x03")] };
  const deploy = () => deployProtocol(ethers);

  /** Commits `scenario.models[m]` from `account` with a per-account salt. */
  async function commitAs(tasks, account, taskId, config, m) {
    const salt = keccak256(account.address);
    const commitment = modelCommitment(keccak256(scenario.models[m]), salt, account.address, taskId);
    await tasks.connect(account).commit(taskId, commitment, { value: config.stake });
    return { account, m, salt };
  }

  /** Runs a task through evaluation and finalization with the given entries; returns the honest result. */
  async function runTask(protocol, config, taskId, entries, revealing) {
    const { tasks, verifier, submitter, evaluator } = protocol;
    await time.increaseTo(config.commitDeadline);
    for (const e of entries.filter((_, i) => revealing[i])) {
      await tasks.connect(e.account).reveal(taskId, e.salt, "", scenario.models[e.m]);
    }
    await time.increaseTo(config.revealDeadline);
    await revealTestSet(tasks, submitter, taskId, config, scenario);
    const revealedModels = entries.filter((_, i) => revealing[i]).map((e) => e.m);
    const honest = honestEvaluation(scenario, revealedModels, config.minScore);
    await postEvaluation(verifier, evaluator, taskId, honest);
    await time.increase(CHALLENGE_WINDOW);
    await verifier.finalize(taskId);
    return honest;
  }

  describe("the reported scenario", function () {
    it("rejects the reported terms: 8 slots at 0.5 ETH cannot cover a 10 ETH reward", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario, { stake: parseEther("0.5"), maxTrainers: 8 });
      await expect(tasks.connect(submitter).createTask(config, { value: REWARD }))
        .to.be.revertedWithCustomError(tasks, "StakeTooLow")
        .withArgs(parseEther("0.5"), (REWARD + 6n) / 7n);
      const free = await taskConfigFor(ethers, scenario, { stake: 0n });
      await expect(tasks.connect(submitter).createTask(free, { value: REWARD })).to.be.revertedWithCustomError(
        tasks,
        "StakeTooLow",
      );
    });

    it("a squatter holding every slot with a junk model loses every stake and wins nothing", async function () {
      const protocol = await loadFixture(deploy);
      const { tasks, submitter, treasury, trainers } = protocol;
      const squatters = (await ethers.getSigners()).slice(10, 18);
      const config = await taskConfigFor(ethers, scenario, { maxTrainers: 8, minScore: 9 });
      const taskId = await createTask(tasks, submitter, config);
      const entries = [];
      for (const s of squatters) entries.push(await commitAs(tasks, s, taskId, config, 3));
      // The honest trainer is locked out...
      await expect(commitAs(tasks, trainers[0], taskId, config, 0)).to.be.revertedWithCustomError(tasks, "TrainerCapReached");
      // ...one squatter reveals the all-zero model, the others stay silent.
      const honest = await runTask(protocol, config, taskId, entries, entries.map((_, i) => i === 0));
      expect(honest.scores[0]).to.be.below(config.minScore);
      expect(honest.winner).to.equal(NO_WINNER);
      for (const s of squatters) expect(await tasks.credits(ZeroAddress, s.address)).to.equal(0);
      expect(await tasks.credits(ZeroAddress, submitter.address)).to.equal(REWARD);
      expect(await tasks.credits(ZeroAddress, treasury.address)).to.equal(8n * config.stake);
    });

    it("a squatter with one good model and seven idle slots forfeits more than the reward", async function () {
      const protocol = await loadFixture(deploy);
      const { tasks, submitter } = protocol;
      const squatters = (await ethers.getSigners()).slice(10, 18);
      const config = await taskConfigFor(ethers, scenario, { maxTrainers: 8 });
      const taskId = await createTask(tasks, submitter, config);
      const entries = [];
      for (const [i, s] of squatters.entries()) entries.push(await commitAs(tasks, s, taskId, config, i === 0 ? 0 : 3));
      await runTask(protocol, config, taskId, entries, entries.map((_, i) => i === 0));
      const won = await tasks.credits(ZeroAddress, squatters[0].address);
      expect(won).to.equal(REWARD + config.stake);
      const paid = 8n * config.stake;
      expect(won).to.be.below(paid + 1n); // it ends no better off than it started (gas aside)
    });
  });

  describe("property: junk is never paid, forfeits go to the treasury, the books balance", function () {
    it("random slot holders, models and reveals", async function () {
      const signers = (await ethers.getSigners()).slice(10, 20);
      const rng = createRng(101);
      for (let round = 0; round < 12; round++) {
        const protocol = await loadFixture(deploy);
        const { tasks, submitter, treasury } = protocol;
        const maxTrainers = rng.int(1, 6);
        const minStake = (REWARD + BigInt(Math.max(maxTrainers - 1, 1)) - 1n) / BigInt(Math.max(maxTrainers - 1, 1));
        const config = await taskConfigFor(ethers, scenario, {
          maxTrainers,
          stake: minStake + BigInt(rng.int(0, 1000)),
          minScore: rng.int(4, 12),
        });
        const taskId = await createTask(tasks, submitter, config);
        const holders = signers.slice(0, maxTrainers);
        const entries = [];
        for (const h of holders) entries.push(await commitAs(tasks, h, taskId, config, rng.int(0, 3)));
        const revealing = entries.map(() => rng.int(0, 4) > 0);
        if (!revealing.some(Boolean)) revealing[0] = true;
        const honest = await runTask(protocol, config, taskId, entries, revealing);

        // Scores of each entry (null when not revealed), in commit order.
        let r = 0;
        const scores = entries.map((_, i) => (revealing[i] ? honest.scores[r++] : null));
        const winnerEntry = honest.winner === NO_WINNER ? -1 : entries.findIndex((_, i) => revealing[i] && scores[i] === Math.max(...honest.scores));
        let forfeited = 0n;
        for (const [i, e] of entries.entries()) {
          const qualified = scores[i] !== null && scores[i] >= config.minScore;
          if (!qualified) forfeited += config.stake;
          const expected = (qualified ? config.stake : 0n) + (i === winnerEntry ? REWARD : 0n);
          expect(await tasks.credits(ZeroAddress, e.account.address)).to.equal(expected);
          if (!qualified) expect(i).to.not.equal(winnerEntry); // junk is never paid
        }
        expect(await tasks.credits(ZeroAddress, treasury.address)).to.equal(forfeited);
        expect(await tasks.credits(ZeroAddress, submitter.address)).to.equal(winnerEntry === -1 ? REWARD : 0n);
        // The books balance: the contract holds exactly the credits it owes.
        const owed = [submitter, treasury, ...holders].map((a) => tasks.credits(ZeroAddress, a.address));
        const total = (await Promise.all(owed)).reduce((a, b) => a + b, 0n);
        expect(await ethers.provider.getBalance(tasks)).to.equal(total);
        // Whoever held every slot without a qualified model lost at least the reward.
        if (scores.every((s) => s === null || s < config.minScore)) {
          expect(BigInt(maxTrainers) * config.stake).to.be.at.least(REWARD);
        }
      }
    });
  });
});
