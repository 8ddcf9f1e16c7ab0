import { expect } from "chai";
import { keccak256, parseEther, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { modelCommitment, sampleWithProof } from "../../../scripts/lib/test-set.mjs";
import {
  CHALLENGE_WINDOW,
  CHALLENGER_SHARE_BPS,
  MIN_BOND,
  REWARD,
  STAKE,
  deployProtocol,
  gasCost,
  honestEvaluation,
  labelsOf,
  labelledBy,
  NO_WINNER,
  makeScenario,
  minScoreFor,
  postEvaluation,
  resultCalldata,
  revealTestSet,
  taskConfigFor,
  taskReadyForEvaluation,
} from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const Fault = { Prediction: 0, Score: 1, Winner: 2 };

describe("OptimisticVerifier", function () {
  const scenario = makeScenario(7, { size: 12 });
  const deploy = () => deployProtocol(ethers);

  async function readyTask(options = {}) {
    const protocol = await loadFixture(deploy);
    const task = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, options);
    return { ...protocol, ...task, honest: honestEvaluation(scenario, task.revealed) };
  }

  async function postedTask(evaluation) {
    const ready = await readyTask();
    const call = await postEvaluation(ready.verifier, ready.evaluator, ready.taskId, evaluation ?? ready.honest);
    return { ...ready, call };
  }

  describe("parameters", function () {
    it("starts with the constructor's values and lets only the owner change them", async function () {
      const { verifier, governance, treasury, outsider } = await loadFixture(deploy);
      expect(await verifier.owner()).to.equal(governance.address);
      expect(await verifier.challengeWindow()).to.equal(CHALLENGE_WINDOW);
      expect(await verifier.minEvaluatorBond()).to.equal(MIN_BOND);
      expect(await verifier.challengerShareBps()).to.equal(CHALLENGER_SHARE_BPS);
      expect(await verifier.treasury()).to.equal(treasury.address);

      const gov = verifier.connect(governance);
      await expect(gov.setChallengeWindow(172_800))
        .to.emit(verifier, "ChallengeWindowUpdated")
        .withArgs(CHALLENGE_WINDOW, 172_800);
      await expect(gov.setMinEvaluatorBond(5)).to.emit(verifier, "MinEvaluatorBondUpdated").withArgs(MIN_BOND, 5);
      await expect(gov.setChallengerShare(5_000))
        .to.emit(verifier, "ChallengerShareUpdated")
        .withArgs(CHALLENGER_SHARE_BPS, 5_000);
      await expect(gov.setTreasury(outsider.address))
        .to.emit(verifier, "TreasuryUpdated")
        .withArgs(treasury.address, outsider.address);

      for (const call of [
        verifier.connect(outsider).setChallengeWindow(172_800),
        verifier.connect(outsider).setMinEvaluatorBond(5),
        verifier.connect(outsider).setChallengerShare(1),
        verifier.connect(outsider).setTreasury(outsider.address),
      ]) {
        await expect(call).to.be.revertedWithCustomError(verifier, "OwnableUnauthorizedAccount").withArgs(outsider.address);
      }
    });

    it("rejects values out of range", async function () {
      const { verifier, governance } = await loadFixture(deploy);
      const gov = verifier.connect(governance);
      // An hour is far inside the 12 hours a censoring sequencer can delay a challenge (issue 8, item 9).
      await expect(gov.setChallengeWindow(3600))
        .to.be.revertedWithCustomError(verifier, "ChallengeWindowOutOfRange")
        .withArgs(3600, 86_400, 30 * 86400);
      await expect(gov.setChallengeWindow(86_399))
        .to.be.revertedWithCustomError(verifier, "ChallengeWindowOutOfRange")
        .withArgs(86_399, 86_400, 30 * 86400);
      await expect(gov.setChallengeWindow(30 * 86400 + 1)).to.be.revertedWithCustomError(
        verifier,
        "ChallengeWindowOutOfRange",
      );
      await expect(gov.setMinEvaluatorBond(0)).to.be.revertedWithCustomError(verifier, "MinBondOutOfRange");
      await expect(gov.setMinEvaluatorBond(parseEther("1000") + 1n)).to.be.revertedWithCustomError(verifier, "MinBondOutOfRange");
      await expect(gov.setChallengerShare(5_001))
        .to.be.revertedWithCustomError(verifier, "ChallengerShareOutOfRange")
        .withArgs(5_001, 5_000);
      await expect(gov.setTreasury(ZeroAddress)).to.be.revertedWithCustomError(verifier, "ZeroTreasury");
    });
  });

  describe("full flow", function () {
    for (const kind of ["ETH", "ERC-20"]) {
      it(`pays the winner of a ${kind} task after an unchallenged window`, async function () {
        const protocol = await loadFixture(deploy);
        const { tasks, verifier, token, trainers, evaluator, outsider } = protocol;
        const overrides = kind === "ETH" ? {} : { token: await token.getAddress() };
        const { taskId, config, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, {
          overrides,
        });
        const honest = honestEvaluation(scenario, revealed);
        const call = resultCalldata(honest);
        // The bond is in the task's token: (reward + 3 stakes) / (1 - 40 %), rounded up.
        const bond = await verifier.requiredBond(taskId);
        expect(bond).to.equal(((REWARD + 3n * STAKE) * 10_000n + 5_999n) / 6_000n);
        const posted = verifier.connect(evaluator).postResult(taskId, call.scores, call.winner, call.predictions, {
          value: kind === "ETH" ? bond : 0n,
        });
        if (kind === "ETH") await expect(posted).to.changeEtherBalances(ethers, [evaluator, verifier], [-bond, bond]);
        else await expect(posted).to.changeTokenBalances(ethers, token, [evaluator, verifier], [-bond, bond]);
        const deadline = BigInt(await time.latest()) + CHALLENGE_WINDOW;
        await expect(posted)
          .to.emit(verifier, "ResultPosted")
          .withArgs(taskId, evaluator.address, bond, deadline, (hash) => hash.length === 66, (r) => r.length === 3);

        await expect(verifier.finalize(taskId))
          .to.be.revertedWithCustomError(verifier, "ChallengeWindowOpen")
          .withArgs(taskId, deadline);
        await time.increaseTo(deadline);
        const winner = trainers[revealed[honest.winner]];
        await expect(verifier.connect(outsider).finalize(taskId))
          .to.emit(verifier, "ResultFinalized")
          .withArgs(taskId, evaluator.address, revealed[honest.winner])
          .and.to.emit(tasks, "TaskSettled")
          .withArgs(taskId, winner.address, config.reward, true);

        const tokenAddress = overrides.token ?? ZeroAddress;
        if (kind === "ETH") {
          await expect(verifier.connect(evaluator).withdraw(ZeroAddress)).to.changeEtherBalance(ethers, evaluator, bond);
        } else {
          await expect(verifier.connect(evaluator).withdraw(token)).to.changeTokenBalance(ethers, token, evaluator, bond);
        }
        expect(await tasks.credits(tokenAddress, winner.address)).to.equal(REWARD + STAKE);
        if (kind === "ETH") {
          await expect(tasks.connect(winner).withdraw(ZeroAddress)).to.changeEtherBalance(ethers, winner, REWARD + STAKE);
        } else {
          await expect(tasks.connect(winner).withdraw(token)).to.changeTokenBalance(ethers, token, winner, REWARD + STAKE);
        }
        await expect(verifier.finalize(taskId)).to.be.revertedWithCustomError(verifier, "NoPendingResult");
      });
    }

    it("gives ties to the earliest commit", async function () {
      // Every model a copy of model 1: equal scores, so the first revealed commit wins.
      const tied = labelledBy({ ...scenario, models: scenario.models.map(() => scenario.models[1]) }, 1);
      const protocol = await loadFixture(deploy);
      const { taskId, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, tied, {
        revealing: [1, 2],
      });
      const honest = honestEvaluation(tied, revealed);
      expect(honest.scores[0]).to.equal(honest.scores[1]);
      expect(honest.winner).to.equal(0);
      const call = await postEvaluation(protocol.verifier, protocol.evaluator, taskId, honest);
      await expect(protocol.verifier.challengeWinner(taskId, call.result))
        .to.be.revertedWithCustomError(protocol.verifier, "WinnerCorrect")
        .withArgs(0);
      await time.increase(CHALLENGE_WINDOW);
      await protocol.verifier.finalize(taskId);
      expect((await protocol.tasks.entryAt(taskId, 1)).trainer).to.equal(protocol.trainers[1].address);
      // The reward and its own stake; entry 0 never revealed, so its stake went to the treasury.
      expect(await protocol.tasks.credits(ZeroAddress, protocol.trainers[1].address)).to.equal(REWARD + STAKE);
      expect(await protocol.tasks.credits(ZeroAddress, protocol.treasury.address)).to.equal(STAKE);
    });
  });

  describe("postResult", function () {
    it("rejects a small bond and a task without a revealed test set", async function () {
      const ready = await readyTask();
      const { verifier, evaluator } = ready;
      const call = resultCalldata(ready.honest);
      const bond = await verifier.requiredBond(ready.taskId);
      await expect(
        verifier.connect(evaluator).postResult(ready.taskId, call.scores, call.winner, call.predictions, { value: bond - 1n }),
      )
        .to.be.revertedWithCustomError(verifier, "BondTooLow")
        .withArgs(bond - 1n, bond);
      await expect(
        verifier.connect(evaluator).postResult(99, call.scores, call.winner, call.predictions, { value: bond }),
      )
        .to.be.revertedWithCustomError(verifier, "TestSetNotRevealed")
        .withArgs(99);
    });

    it("rejects malformed results", async function () {
      const { verifier, evaluator, taskId, honest } = await readyTask();
      const call = resultCalldata(honest);
      const bond = await verifier.requiredBond(taskId);
      const post = (scores, winner, predictions) =>
        verifier.connect(evaluator).postResult(taskId, scores, winner, predictions, { value: bond });
      await expect(post(call.scores.slice(1), call.winner, call.predictions))
        .to.be.revertedWithCustomError(verifier, "ScoresLengthMismatch")
        .withArgs(3, 2);
      await expect(post(call.scores, call.winner, call.predictions.slice(0, -2)))
        .to.be.revertedWithCustomError(verifier, "PredictionsLengthMismatch")
        .withArgs(36, 35);
      await expect(post(call.scores, 3, call.predictions))
        .to.be.revertedWithCustomError(verifier, "WinnerOutOfRange")
        .withArgs(3, 3);
      // A winner below the baseline could never be paid, so its claim could never finalize.
      const low = call.scores.map((s, m) => (m === 1 ? 0 : s));
      await expect(post(low, 1, call.predictions))
        .to.be.revertedWithCustomError(verifier, "WinnerBelowBaseline")
        .withArgs(1, 0, minScoreFor(scenario));
    });

    it("allows one pending result at a time and none after settlement", async function () {
      const { verifier, outsider, taskId, call } = await postedTask();
      const deadline = (await verifier.claims(taskId)).deadline;
      const bond = await verifier.requiredBond(taskId);
      const again = () =>
        verifier.connect(outsider).postResult(taskId, call.scores, call.winner, call.predictions, { value: bond });
      await expect(again()).to.be.revertedWithCustomError(verifier, "ResultPending").withArgs(taskId, deadline);
      await time.increaseTo(deadline);
      await verifier.finalize(taskId);
      await expect(again()).to.be.revertedWithCustomError(verifier, "TaskAlreadySettled").withArgs(taskId);
    });

    it("rejects a task whose trainers revealed nothing", async function () {
      const protocol = await loadFixture(deploy);
      const { tasks, verifier, evaluator, submitter } = protocol;
      const { taskId } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, { revealing: [] });
      await expect(verifier.connect(evaluator).postResult(taskId, [], 0, "0x", { value: await verifier.requiredBond(taskId) }))
        .to.be.revertedWithCustomError(verifier, "NoModels")
        .withArgs(taskId);
      // The submitter takes the reward back instead; the forfeited stakes go to the treasury.
      await expect(tasks.settleWithoutEvaluation(taskId))
        .to.emit(tasks, "TaskSettled")
        .withArgs(taskId, submitter.address, REWARD, false)
        .and.to.emit(tasks, "StakesForfeited")
        .withArgs(taskId, protocol.treasury.address, 3n * STAKE);
    });
  });

  describe("challenges", function () {
    it("slash a wrong prediction and reopen the task", async function () {
      const ready = await readyTask();
      const { verifier, evaluator, challenger, treasury, taskId, honest } = ready;
      const m = 1;
      const i = 5;
      const lying = { ...honest, predictions: honest.predictions.map((p) => Uint8Array.from(p)) };
      lying.predictions[m][i] = (lying.predictions[m][i] + 1) % 3;
      const call = await postEvaluation(verifier, evaluator, taskId, lying);
      const sample = sampleWithProof(scenario.tree, i);
      const model = scenario.models[ready.revealed[m]];
      const bond = await verifier.requiredBond(taskId);
      const share = (bond * CHALLENGER_SHARE_BPS) / 10_000n;
      await expect(
        verifier.connect(challenger).challengePrediction(taskId, call.result, m, lying.predictions[m], model, sample),
      )
        .to.emit(verifier, "ResultOverturned")
        .withArgs(taskId, evaluator.address, challenger.address, Fault.Prediction, share, bond - share);
      expect(await verifier.credits(ZeroAddress, challenger.address)).to.equal(share);
      expect(await verifier.credits(ZeroAddress, treasury.address)).to.equal(bond - share);
      expect(await verifier.credits(ZeroAddress, evaluator.address)).to.equal(0);
      await expect(verifier.connect(challenger).withdraw(ZeroAddress)).to.changeEtherBalance(ethers, challenger, share);
      await expect(verifier.connect(challenger).withdraw(ZeroAddress))
        .to.be.revertedWithCustomError(verifier, "NothingToWithdraw")
        .withArgs(ZeroAddress, challenger.address);
      // Reopened: an honest result can be posted and wins.
      await postEvaluation(verifier, challenger, taskId, honest);
    });

    it("slash a wrong score", async function () {
      const { verifier, evaluator, challenger, taskId, honest } = await readyTask();
      const call = await postEvaluation(verifier, evaluator, taskId, { ...honest, scores: honest.scores.map((s, m) => (m === 2 ? s + 1 : s)) });
      await expect(
        verifier.connect(challenger).challengeScore(taskId, call.result, 2, honest.predictions[2], labelsOf(scenario)),
      )
        .to.emit(verifier, "ResultOverturned")
        .withArgs(taskId, evaluator.address, challenger.address, Fault.Score, (v) => v > 0n, (v) => v > 0n);
    });

    it("slash a wrong winner", async function () {
      const { verifier, evaluator, challenger, taskId, honest } = await readyTask();
      // Model 0 reaches the baseline, so claiming that none does is a wrong winner.
      const call = await postEvaluation(verifier, evaluator, taskId, { ...honest, winner: NO_WINNER });
      await expect(verifier.connect(challenger).challengeWinner(taskId, call.result))
        .to.emit(verifier, "ResultOverturned")
        .withArgs(taskId, evaluator.address, challenger.address, Fault.Winner, (v) => v > 0n, (v) => v > 0n);
      expect((await verifier.claims(taskId)).evaluator).to.equal(ZeroAddress);
    });

    it("revert against an honest result, whatever they claim", async function () {
      const { verifier, challenger, taskId, honest, call, revealed } = await postedTask();
      const c = verifier.connect(challenger);
      const m = 0;
      const model = scenario.models[revealed[m]];
      const sample = sampleWithProof(scenario.tree, 3);
      await expect(c.challengePrediction(taskId, call.result, m, honest.predictions[m], model, sample))
        .to.be.revertedWithCustomError(verifier, "PredictionCorrect")
        .withArgs(m, 3, honest.predictions[m][3]);
      await expect(c.challengeScore(taskId, call.result, m, honest.predictions[m], labelsOf(scenario)))
        .to.be.revertedWithCustomError(verifier, "ScoreCorrect")
        .withArgs(m, honest.scores[m]);
      await expect(c.challengeWinner(taskId, call.result))
        .to.be.revertedWithCustomError(verifier, "WinnerCorrect")
        .withArgs(honest.winner);
    });

    it("reject inputs that do not match the posted result or the task", async function () {
      const { tasks, verifier, challenger, taskId, honest, call, revealed } = await postedTask();
      const c = verifier.connect(challenger);
      const model = scenario.models[revealed[0]];
      const sample = sampleWithProof(scenario.tree, 3);
      const preds = honest.predictions[0];

      const forgedResult = { ...call.result, winner: 2 };
      await expect(c.challengeWinner(taskId, forgedResult)).to.be.revertedWithCustomError(verifier, "ResultMismatch");
      await expect(c.challengeWinner(99, call.result)).to.be.revertedWithCustomError(verifier, "NoPendingResult").withArgs(99);
      await expect(c.challengePrediction(taskId, call.result, 3, preds, model, sample))
        .to.be.revertedWithCustomError(verifier, "ModelOutOfRange")
        .withArgs(3, 3);
      await expect(c.challengePrediction(taskId, call.result, 0, honest.predictions[1], model, sample))
        .to.be.revertedWithCustomError(verifier, "PredictionsMismatch")
        .withArgs(call.result.predictionHashes[0], keccak256(honest.predictions[1]));
      await expect(c.challengePrediction(taskId, call.result, 0, preds, scenario.models[revealed[1]], sample))
        .to.be.revertedWithCustomError(verifier, "ModelMismatch")
        .withArgs(keccak256(model), keccak256(scenario.models[revealed[1]]));

      const otherRecord = sampleWithProof(scenario.tree, 4).record;
      for (const bad of [
        { ...sample, index: 12 },
        { ...sample, index: 4 },
        { ...sample, record: otherRecord },
        { ...sample, record: sample.record.slice(0, -2) },
        { ...sample, proof: sample.proof.slice(1) },
      ]) {
        await expect(c.challengePrediction(taskId, call.result, 0, preds, model, bad))
          .to.be.revertedWithCustomError(verifier, "InvalidSample")
          .withArgs(bad.index);
      }

      const labels = labelsOf(scenario);
      const flipped = "0x" + ((Number.parseInt(labels.slice(2, 4), 16) + 1) % 256).toString(16).padStart(2, "0") + labels.slice(4);
      const revealedDigest = (await tasks.taskState(taskId)).labelsDigest;
      await expect(c.challengeScore(taskId, call.result, 0, preds, flipped))
        .to.be.revertedWithCustomError(verifier, "LabelsMismatch")
        .withArgs(revealedDigest, (d) => d !== revealedDigest);
      await expect(c.challengeScore(taskId, call.result, 0, preds, labels.slice(0, -2)))
        .to.be.revertedWithCustomError(verifier, "LabelsMismatch")
        .withArgs(revealedDigest, "0x" + "00".repeat(32));
    });

    it("close with the window", async function () {
      const { verifier, challenger, taskId, call } = await postedTask();
      const deadline = (await verifier.claims(taskId)).deadline;
      await time.increaseTo(deadline);
      await expect(verifier.connect(challenger).challengeWinner(taskId, call.result))
        .to.be.revertedWithCustomError(verifier, "ChallengeWindowClosed")
        .withArgs(taskId, deadline);
    });
  });

  describe("self-dealing", function () {
    it("a node that posts a pre-solved task and wins it only pays gas", async function () {
      // One account plays submitter, trainer and evaluator with a model that fits its own test set.
      const protocol = await loadFixture(deploy);
      const { tasks, verifier } = protocol;
      const node = protocol.submitter;
      const solo = makeScenario(11, { models: 1 });
      const before = await ethers.provider.getBalance(node.address);
      let gas = 0n;
      const spend = async (tx) => (gas += await gasCost(await tx));

      const config = await taskConfigFor(ethers, solo);
      const created = await (await tasks.connect(node).createTask(config, { value: REWARD })).wait();
      gas += created.gasUsed * created.gasPrice;
      const taskId = tasks.interface.parseLog(created.logs[0]).args.taskId;
      const commitment = modelCommitment(keccak256(solo.models[0]), solo.salts[0], node.address, taskId);
      await spend(tasks.connect(node).commit(taskId, commitment, { value: STAKE }));
      await time.increaseTo(config.commitDeadline);
      await spend(tasks.connect(node).reveal(taskId, solo.salts[0], "", solo.models[0]));
      await time.increaseTo(config.revealDeadline);
      for (const tx of await revealTestSet(tasks, node, taskId, config, solo)) await spend(tx);
      const call = resultCalldata(honestEvaluation(solo, [0]));
      const bond = await verifier.requiredBond(taskId);
      await spend(verifier.connect(node).postResult(taskId, call.scores, call.winner, call.predictions, { value: bond }));
      await time.increase(CHALLENGE_WINDOW);
      await spend(verifier.connect(node).finalize(taskId));
      await spend(verifier.connect(node).withdraw(ZeroAddress));
      await spend(tasks.connect(node).withdraw(ZeroAddress));

      expect(await ethers.provider.getBalance(node.address)).to.equal(before - gas);
    });
  });
});
