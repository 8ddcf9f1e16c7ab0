// Issue 8, item 7: every task reaches a settlement within a bounded time whatever anyone does, and parameter
// changes cannot lock running tasks.
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import {
  REWARD,
  STAKE,
  deployProtocol,
  honestEvaluation,
  labelsOf,
  makeScenario,
  postEvaluation,
  taskReadyForEvaluation,
} from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

describe("Task liveness (issue 8, item 7)", function () {
  const scenario = makeScenario(17, { size: 8 });
  const deploy = () => deployProtocol(ethers);

  async function readyTask() {
    const protocol = await loadFixture(deploy);
    const task = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, { committing: 3, revealing: [0, 1] });
    const evaluationDeadline = await protocol.tasks.evaluationDeadline(task.taskId);
    return { ...protocol, ...task, evaluationDeadline, honest: honestEvaluation(scenario, task.revealed) };
  }

  describe("the reported scenarios", function () {
    it("settles a task nobody evaluated once the evaluation deadline passes", async function () {
      const { tasks, submitter, trainers, treasury, taskId, evaluationDeadline } = await readyTask();
      await expect(tasks.settleWithoutEvaluation(taskId)).to.be.revertedWithCustomError(tasks, "EvaluationPending");
      await time.increaseTo(evaluationDeadline);
      await expect(tasks.settleWithoutEvaluation(taskId))
        .to.emit(tasks, "TaskSettled")
        .withArgs(taskId, submitter.address, REWARD, false)
        .and.to.emit(tasks, "StakesForfeited")
        .withArgs(taskId, treasury.address, STAKE);
      // Revealed trainers get their stakes back; nobody can be judged, so nobody is paid the reward.
      for (const t of trainers.slice(0, 2)) expect(await tasks.credits(ZeroAddress, t.address)).to.equal(STAKE);
    });

    it("settles a task whose bond governance made unpayable", async function () {
      const { tasks, verifier, governance, evaluator, taskId, honest, evaluationDeadline } = await readyTask();
      const prohibitive = await verifier.MAX_MIN_EVALUATOR_BOND();
      await verifier.connect(governance).setMinEvaluatorBond(prohibitive);
      // The evaluator cannot or will not put up the bond...
      await time.increaseTo(evaluationDeadline);
      await expect(postEvaluation(verifier, evaluator, taskId, honest))
        .to.be.revertedWithCustomError(verifier, "EvaluationClosed")
        .withArgs(taskId, evaluationDeadline);
      // ...and the task still ends.
      await expect(tasks.settleWithoutEvaluation(taskId)).to.emit(tasks, "TaskSettled");
    });

    it("judges a result posted before the deadline to its end, and nothing after it", async function () {
      const { tasks, verifier, evaluator, challenger, taskId, honest, evaluationDeadline } = await readyTask();
      await time.increaseTo(evaluationDeadline - 10n);
      // A lie posted just before the deadline is overturned after it; the task then settles unevaluated.
      const lie = { ...honest, scores: honest.scores.map((s) => s + 1) };
      const call = await postEvaluation(verifier, evaluator, taskId, lie);
      await time.increaseTo(evaluationDeadline);
      await expect(tasks.settleWithoutEvaluation(taskId)).to.be.revertedWithCustomError(tasks, "EvaluationPending");
      await verifier.connect(challenger).challengeScore(taskId, call.result, 0, lie.predictions[0], labelsOf(scenario));
      await expect(postEvaluation(verifier, evaluator, taskId, honest)).to.be.revertedWithCustomError(
        verifier,
        "EvaluationClosed",
      );
      await expect(tasks.settleWithoutEvaluation(taskId)).to.emit(tasks, "TaskSettled");
    });
  });

  describe("property: whatever the actors do, the task is settled by evaluationDeadline + MAX_CHALLENGE_WINDOW", function () {
    it("random posts, challenges, parameter changes and waits", async function () {
      const rng = createRng(77);
      for (let round = 0; round < 8; round++) {
        const { tasks, verifier, governance, evaluator, challenger, taskId, honest, evaluationDeadline } = await readyTask();
        const maxWindow = await verifier.MAX_CHALLENGE_WINDOW();
        const end = evaluationDeadline + maxWindow;
        const lie = { ...honest, scores: honest.scores.map((s) => s + 1) };
        let settled = false;
        for (let step = 0; step < 12 && !settled; step++) {
          const action = rng.int(0, 6);
          const claim = await verifier.claims(taskId);
          if (action === 0) await postEvaluation(verifier, evaluator, taskId, honest).catch(() => {});
          if (action === 1) {
            const call = await postEvaluation(verifier, evaluator, taskId, lie).catch(() => null);
            if (call && rng.int(0, 1)) {
              await verifier.connect(challenger).challengeScore(taskId, call.result, 0, lie.predictions[0], labelsOf(scenario));
            }
          }
          if (action === 2) await verifier.connect(governance).setMinEvaluatorBond(await verifier.MAX_MIN_EVALUATOR_BOND());
          if (action === 3) await verifier.connect(governance).setChallengeWindow(maxWindow);
          if (action === 4) await time.increase(rng.int(1, 10) * 86_400);
          if (action === 5 && claim.evaluator !== ZeroAddress) await verifier.finalize(taskId).catch(() => {});
          if (action === 6) await tasks.settleWithoutEvaluation(taskId).catch(() => {});
          settled = (await tasks.taskState(taskId)).settled;
        }
        if (settled) continue;
        // Past the bound someone can always end it: finalize a pending result, else settle unevaluated.
        const now = BigInt(await time.latest());
        if (now < end) await time.increaseTo(end);
        if ((await verifier.claims(taskId)).evaluator !== ZeroAddress) await verifier.finalize(taskId);
        else await tasks.settleWithoutEvaluation(taskId);
        expect((await tasks.taskState(taskId)).settled).to.equal(true);
      }
    });
  });
});
