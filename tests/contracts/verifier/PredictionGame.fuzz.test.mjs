// Seeded fuzzing of the prediction game of large-model tasks (docs/training-tasks.md §8.2), both ways:
// every corrupted prediction is overturned whatever the evaluator answers (silence, or any trace it can post);
// no honest prediction is overturned whatever the challenger proves; every timeout goes against the staller.
import { expect } from "chai";
import { hexlify } from "ethers";
import { network } from "hardhat";
import { createRng, encodeTrace, firstWrongNeuron, predict, trace } from "../../../scripts/lib/evaluation.mjs";
import {
  CHALLENGE_WINDOW,
  consistentEvaluation,
  deployProtocol,
  honestEvaluation,
  makeScenario,
  postEvaluation,
} from "../training/fixtures.mjs";
import { largeTaskReadyForEvaluation, neuronProof } from "../training/large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const SEEDS = 8;
const RESPONSE_WINDOW = 86_400;


/**
 * A trace a lying evaluator could post for a sample whose posted prediction is `lie`: its argmax must be `lie`.
 * Strategies: push the lie's logit up; corrupt one hidden neuron and recompute the rest from it; random garbage.
 */
function forgedTrace(rng, model, input, lie) {
  const layers = trace(model, input).map((v) => [...v]);
  const strategy = rng.int(0, 2);
  if (strategy === 1 && layers.length > 1) {
    const l = rng.int(0, layers.length - 2);
    const j = rng.int(0, layers[l].length - 1);
    layers[l][j] = (layers[l][j] + rng.int(1, 255)) % 256;
  } else if (strategy === 2) {
    for (let l = 0; l < layers.length - 1; l++) layers[l] = layers[l].map(() => rng.int(0, 255));
    layers[layers.length - 1] = layers.at(-1).map(() => rng.int(-(2 ** 20), 2 ** 20));
  }
  const z = layers.at(-1);
  const top = Math.max(...z);
  if (z.findIndex((v) => v === top) !== lie) z[lie] = top + rng.int(1, 1000);
  return layers;
}

describe("Prediction game fuzz (large-model tasks)", function () {
  const deploy = () => deployProtocol(ethers);

  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`seed ${seed}: lies are overturned whatever the evaluator answers, the truth stands whatever is proven`, async function () {
      const rng = createRng(0x9a3e + seed);
      const hidden = Array.from({ length: rng.int(0, 2) }, () => rng.int(1, 6));
      const dims = [rng.int(1, 10), ...hidden, rng.int(2, 5)];
      const scenario = makeScenario(seed, { dims, models: 2, size: rng.int(1, 12) });
      const protocol = await loadFixture(deploy);
      const { verifier, evaluator, challenger } = protocol;
      const { taskId, revealed, trees } = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, {
        chunkSize: 2 ** rng.int(0, 3),
        maxLayers: 4,
      });
      const honest = honestEvaluation(scenario, revealed);
      const e = verifier.connect(evaluator);
      const c = verifier.connect(challenger);

      // A wrong prediction: every answer the evaluator can give loses.
      for (const reply of ["silence", "forged", "forged"]) {
        const m = rng.int(0, revealed.length - 1);
        const i = rng.int(0, scenario.samples.length - 1);
        const predictions = honest.predictions.map((p) => Uint8Array.from(p));
        const truth = predictions[m][i];
        const lie = (truth + rng.int(1, dims.at(-1) - 1)) % dims.at(-1);
        predictions[m][i] = lie;
        const call = await postEvaluation(verifier, evaluator, taskId, consistentEvaluation(scenario, predictions));
        await c.openGame(taskId, call.result, m, predictions[m], i, { value: await verifier.gameBond(taskId) });
        const model = scenario.models[revealed[m]];
        const input = scenario.samples[i].input;
        // The true trace predicts the truth: the evaluator cannot post it.
        await expect(e.answerGame(taskId, challenger, trees[m].header, trees[m].rowsRoot, encodeTrace(trace(model, input))))
          .to.be.revertedWithCustomError(verifier, "TracePredictionMismatch")
          .withArgs(lie, truth);
        if (reply === "silence") {
          await time.increase(RESPONSE_WINDOW);
          await expect(verifier.connect(protocol.outsider).timeoutGame(taskId, challenger))
            .to.emit(verifier, "ResultOverturned")
            .and.to.emit(verifier, "GameEnded")
            .withArgs(taskId, challenger.address, true);
          continue;
        }
        const forged = forgedTrace(rng, model, input, lie);
        expect(predict(model, input)).to.equal(truth);
        const posted = encodeTrace(forged);
        await e.answerGame(taskId, challenger, trees[m].header, trees[m].rowsRoot, posted);
        const wrong = firstWrongNeuron(model, input, forged);
        expect(wrong).to.not.equal(null);
        const proof = neuronProof(trees[m], scenario, i, posted, wrong.layer, wrong.neuron);
        await expect(c.proveNeuron(taskId, proof.model, proof.row, proof.sample))
          .to.emit(verifier, "ResultOverturned")
          .and.to.emit(verifier, "GameEnded")
          .withArgs(taskId, challenger.address, true);
      }

      // The honest result: the evaluator answers with the true trace and no neuron of it can be proven wrong;
      // the challenger's silence costs it its bond, and the result then finalizes.
      const call = await postEvaluation(verifier, evaluator, taskId, honest);
      const m = rng.int(0, revealed.length - 1);
      const i = rng.int(0, scenario.samples.length - 1);
      const gameBond = await verifier.gameBond(taskId);
      await c.openGame(taskId, call.result, m, honest.predictions[m], i, { value: gameBond });
      const layers = trace(scenario.models[revealed[m]], scenario.samples[i].input);
      const posted = encodeTrace(layers);
      await e.answerGame(taskId, challenger, trees[m].header, trees[m].rowsRoot, posted);
      for (let l = 0; l < layers.length; l++) {
        for (let j = 0; j < layers[l].length; j++) {
          const proof = neuronProof(trees[m], scenario, i, posted, l, j);
          await expect(c.proveNeuron(taskId, proof.model, proof.row, proof.sample))
            .to.be.revertedWithCustomError(verifier, "NeuronCorrect")
            .withArgs(l, j, layers[l][j]);
        }
      }
      // A row of another neuron, or a doctored row, does not pass.
      const proof = neuronProof(trees[m], scenario, i, posted, 0, 0);
      const doctored = { ...proof.row, row: hexlify(Uint8Array.from(ethers.getBytes(proof.row.row), (b, k) => (k === 0 ? b ^ 1 : b))) };
      await expect(c.proveNeuron(taskId, proof.model, doctored, proof.sample)).to.be.revertedWithCustomError(verifier, "InvalidRow");
      await time.increase(RESPONSE_WINDOW);
      const before = await verifier.credits(ethers.ZeroAddress, evaluator.address);
      await expect(verifier.timeoutGame(taskId, challenger)).to.emit(verifier, "GameEnded").withArgs(taskId, challenger.address, false);
      expect(await verifier.credits(ethers.ZeroAddress, evaluator.address)).to.equal(before + gameBond);
      await time.increase(CHALLENGE_WINDOW + 3n * BigInt(RESPONSE_WINDOW));
      await expect(verifier.finalize(taskId)).to.emit(verifier, "ResultFinalized");
    });
  }
});
