// Seeded fuzzing of the dispute game on random tiny tasks: every random corruption of an honest result is
// overturned by the matching one-transaction challenge, and no challenge of the honest result succeeds.
import { expect } from "chai";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { sampleWithProof } from "../../../scripts/lib/test-set.mjs";
import {
  CHALLENGE_WINDOW,
  REWARD,
  STAKE,
  deployProtocol,
  honestEvaluation,
  labelsOf,
  NO_WINNER,
  makeScenario,
  minScoreFor,
  postEvaluation,
  taskReadyForEvaluation,
  winnerOf,
} from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const Fault = { Prediction: 0, Score: 1, Winner: 2 };
const SEEDS = 12;

/** Scores and winner that agree with `predictions`, so only a prediction challenge can catch a lie there. */
function consistent(scenario, predictions) {
  const scores = predictions.map((p) => p.reduce((n, v, i) => n + (v === scenario.samples[i].label ? 1 : 0), 0));
  return { predictions, scores, winner: winnerOf(scores, minScoreFor(scenario)) };
}

function corruptPrediction(rng, scenario, honest) {
  const m = rng.int(0, honest.predictions.length - 1);
  const i = rng.int(0, scenario.samples.length - 1);
  const predictions = honest.predictions.map((p) => Uint8Array.from(p));
  predictions[m][i] = (predictions[m][i] + rng.int(1, 255)) % 256;
  return { lie: consistent(scenario, predictions), m, i };
}

function corruptScore(rng, scenario, honest) {
  const m = rng.int(0, honest.scores.length - 1);
  const scores = [...honest.scores];
  scores[m] = (scores[m] + rng.int(1, scenario.samples.length)) % (scenario.samples.length + 1);
  return { lie: { ...honest, scores, winner: winnerOf(scores, minScoreFor(scenario)) }, m };
}

/** A wrong winner that can still be posted: NO_WINNER, or another model at the baseline. */
function corruptWinner(rng, scenario, honest) {
  const minScore = minScoreFor(scenario);
  const others = honest.scores.map((s, m) => m).filter((m) => m !== honest.winner && honest.scores[m] >= minScore);
  const winner = others.length > 0 && rng.int(0, 1) ? others[rng.int(0, others.length - 1)] : NO_WINNER;
  return { lie: { ...honest, winner } };
}

describe("OptimisticVerifier fuzz", function () {
  const deploy = () => deployProtocol(ethers);

  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`seed ${seed}: lies are overturned, the truth stands`, async function () {
      const rng = createRng(0x5eed + seed);
      const hidden = Array.from({ length: rng.int(0, 2) }, () => rng.int(1, 6));
      const dims = [rng.int(1, 10), ...hidden, rng.int(2, 5)];
      const scenario = makeScenario(seed, { dims, models: rng.int(2, 3), size: rng.int(1, 24) });
      const chunkSize = 2 ** rng.int(0, 4);
      const protocol = await loadFixture(deploy);
      const { verifier, tasks, evaluator, challenger, trainers } = protocol;
      const { taskId, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, {
        overrides: { chunkSize, maxLayers: 4 },
      });
      const honest = honestEvaluation(scenario, revealed);
      const labels = labelsOf(scenario);
      const modelOf = (m) => scenario.models[revealed[m]];
      const c = verifier.connect(challenger);

      // A wrong prediction, with scores and winner made consistent with it.
      {
        const { lie, m, i } = corruptPrediction(rng, scenario, honest);
        const call = await postEvaluation(verifier, evaluator, taskId, lie);
        for (let n = 0; n < lie.scores.length; n++) {
          await expect(c.challengeScore(taskId, call.result, n, lie.predictions[n], labels)).to.be.revertedWithCustomError(
            verifier,
            "ScoreCorrect",
          );
        }
        await expect(c.challengeWinner(taskId, call.result)).to.be.revertedWithCustomError(verifier, "WinnerCorrect");
        await expect(c.challengePrediction(taskId, call.result, m, lie.predictions[m], modelOf(m), sampleWithProof(scenario.tree, i)))
          .to.emit(verifier, "ResultOverturned")
          .withArgs(taskId, evaluator.address, challenger.address, Fault.Prediction, (v) => v >= 0n, (v) => v >= 0n);
      }

      // A wrong score, with the winner made consistent with it.
      {
        const { lie, m } = corruptScore(rng, scenario, honest);
        const call = await postEvaluation(verifier, evaluator, taskId, lie);
        await expect(c.challengeWinner(taskId, call.result)).to.be.revertedWithCustomError(verifier, "WinnerCorrect");
        await expect(c.challengeScore(taskId, call.result, m, lie.predictions[m], labels))
          .to.emit(verifier, "ResultOverturned")
          .withArgs(taskId, evaluator.address, challenger.address, Fault.Score, (v) => v >= 0n, (v) => v >= 0n);
      }

      // A wrong winner.
      {
        const { lie } = corruptWinner(rng, scenario, honest);
        const call = await postEvaluation(verifier, evaluator, taskId, lie);
        await expect(c.challengeWinner(taskId, call.result))
          .to.emit(verifier, "ResultOverturned")
          .withArgs(taskId, evaluator.address, challenger.address, Fault.Winner, (v) => v >= 0n, (v) => v >= 0n);
      }

      // The honest result: every possible challenge reverts, then it finalizes.
      const call = await postEvaluation(verifier, evaluator, taskId, honest);
      for (let m = 0; m < honest.scores.length; m++) {
        for (let i = 0; i < scenario.samples.length; i++) {
          await expect(
            c.challengePrediction(taskId, call.result, m, honest.predictions[m], modelOf(m), sampleWithProof(scenario.tree, i)),
          ).to.be.revertedWithCustomError(verifier, "PredictionCorrect");
        }
        await expect(c.challengeScore(taskId, call.result, m, honest.predictions[m], labels)).to.be.revertedWithCustomError(
          verifier,
          "ScoreCorrect",
        );
      }
      await expect(c.challengeWinner(taskId, call.result)).to.be.revertedWithCustomError(verifier, "WinnerCorrect");
      await time.increase(CHALLENGE_WINDOW);
      await verifier.finalize(taskId);
      const winner = trainers[revealed[honest.winner]];
      expect(await tasks.credits(ethers.ZeroAddress, winner.address)).to.equal(REWARD + STAKE);
    });
  }
});
