// The prediction game of large-model tasks (docs/training-tasks.md §8.2), move by move: who may move when,
// what each move checks, and where the bonds go.
import { expect } from "chai";
import { network } from "hardhat";
import { encodeTrace, trace } from "../../../scripts/lib/evaluation.mjs";
import {
  CHALLENGE_WINDOW,
  CHALLENGER_SHARE_BPS,
  MIN_BOND,
  consistentEvaluation,
  deployProtocol,
  honestEvaluation,
  labelsOf,
  makeScenario,
  minScoreFor,
  postEvaluation,
  taskReadyForEvaluation,
  winnerOf,
} from "../training/fixtures.mjs";
import { largeTaskReadyForEvaluation, neuronProof } from "../training/large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const RESPONSE_WINDOW = 86_400n;
// OptimisticVerifier.GAME_MOVES_TIME: two turns and a forced chunk's resolution (ForceChunk.test.mjs holds it equal).
const GAME_MOVES_TIME = 3n * RESPONSE_WINDOW;
const scenario = makeScenario(21, { dims: [6, 5, 4, 3], models: 2, size: 6 });

describe("OptimisticVerifier: the prediction game", function () {
  /** A large-model task with the honest result posted; model 1's prediction of sample 2 is disputed. */
  async function posted() {
    const protocol = await deployProtocol(ethers);
    const ready = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
    const honest = honestEvaluation(scenario, ready.revealed);
    const call = await postEvaluation(protocol.verifier, protocol.evaluator, ready.taskId, honest);
    const layers = trace(scenario.models[1], scenario.samples[2].input);
    const bond = await protocol.verifier.gameBond(ready.taskId);
    return { ...protocol, ...ready, honest, call, layers, posted: encodeTrace(layers), bond };
  }
  const open = (f, bond = f.bond) =>
    f.verifier.connect(f.challenger).openGame(f.taskId, f.call.result, 1, f.honest.predictions[1], 2, { value: bond });
  const answer = (f, from = f.evaluator, posted = f.posted) =>
    f.verifier.connect(from).answerGame(f.taskId, f.challenger, f.trees[1].header, f.trees[1].rowsRoot, posted);
  const prove = (f, layer, neuron, from = f.challenger, sampleIndex = 2) => {
    const p = neuronProof(f.trees[1], scenario, sampleIndex, f.posted, layer, neuron);
    return f.verifier.connect(from).proveNeuron(f.taskId, p.model, p.row, p.sample);
  };

  describe("move 1: openGame", function () {
    it("opens a game with a bond, in the challenge window, one per challenger", async function () {
      const f = await loadFixture(posted);
      const now = BigInt(await time.latest());
      expect(f.bond).to.equal(await f.verifier.requiredBond(f.taskId));
      expect(f.bond > MIN_BOND).to.equal(true);
      await expect(open(f, f.bond - 1n)).to.be.revertedWithCustomError(f.verifier, "BondTooLow").withArgs(f.bond - 1n, f.bond);
      await expect(f.verifier.connect(f.challenger).openGame(f.taskId, f.call.result, 1, f.honest.predictions[1], 6, { value: f.bond }))
        .to.be.revertedWithCustomError(f.verifier, "SampleOutOfRange")
        .withArgs(6, 6);
      const prediction = f.honest.predictions[1][2];
      await expect(open(f))
        .to.emit(f.verifier, "GameOpened")
        .withArgs(f.taskId, f.challenger.address, 1, 2, prediction, f.bond, now + 1n + RESPONSE_WINDOW);
      await expect(open(f)).to.be.revertedWithCustomError(f.verifier, "GameOpen").withArgs(f.taskId, f.challenger.address);
      await time.increase(CHALLENGE_WINDOW + GAME_MOVES_TIME);
      await expect(f.verifier.finalize(f.taskId)).to.be.revertedWithCustomError(f.verifier, "GamesOpen").withArgs(f.taskId, 1);
    });

    it("is refused in small-model tasks, which keep their one-transaction disputes", async function () {
      const protocol = await deployProtocol(ethers);
      const { taskId, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
      const honest = honestEvaluation(scenario, revealed);
      const call = await postEvaluation(protocol.verifier, protocol.evaluator, taskId, honest);
      await expect(
        protocol.verifier.connect(protocol.challenger).openGame(taskId, call.result, 0, honest.predictions[0], 0, { value: MIN_BOND }),
      )
        .to.be.revertedWithCustomError(protocol.verifier, "NotLargeModelTask")
        .withArgs(taskId);
    });
  });

  describe("move 2: answerGame", function () {
    it("takes only the evaluator's trace of the revealed model, of the right length, in its turn", async function () {
      const f = await loadFixture(posted);
      await expect(answer(f)).to.be.revertedWithCustomError(f.verifier, "NoOpenGame").withArgs(f.taskId, f.challenger.address);
      await open(f);
      await expect(answer(f, f.challenger)).to.be.revertedWithCustomError(f.verifier, "NotEvaluator");
      await expect(
        f.verifier.connect(f.evaluator).answerGame(f.taskId, f.challenger, f.trees[0].header, f.trees[0].rowsRoot, f.posted),
      ).to.be.revertedWithCustomError(f.verifier, "ModelMismatch");
      await expect(answer(f, f.evaluator, f.posted.subarray(1)))
        .to.be.revertedWithCustomError(f.verifier, "TraceLengthMismatch")
        .withArgs(f.posted.length, f.posted.length - 1);
      const tx = answer(f);
      await expect(tx).to.emit(f.verifier, "GameAnswered");
      await expect(answer(f)).to.be.revertedWithCustomError(f.verifier, "GameAlreadyAnswered");
      const game = await f.verifier.games(f.taskId, f.challenger);
      expect(game.traceHash).to.equal(ethers.keccak256(f.posted));
    });

    it("comes too late once the response window passed, and the evaluator loses", async function () {
      const f = await loadFixture(posted);
      await open(f);
      await expect(f.verifier.timeoutGame(f.taskId, f.challenger)).to.be.revertedWithCustomError(f.verifier, "TurnNotOver");
      await time.increase(RESPONSE_WINDOW);
      await expect(answer(f)).to.be.revertedWithCustomError(f.verifier, "TurnOver");
      const { bond } = await f.verifier.claims(f.taskId);
      const share = (bond * CHALLENGER_SHARE_BPS) / 10_000n;
      await expect(f.verifier.connect(f.outsider).timeoutGame(f.taskId, f.challenger))
        .to.emit(f.verifier, "ResultOverturned")
        .withArgs(f.taskId, f.evaluator.address, f.challenger.address, 0, share, bond - share);
      expect(await f.verifier.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(share + f.bond);
      expect(await f.verifier.credits(ethers.ZeroAddress, f.outsider.address)).to.equal(0n);
      expect(await f.verifier.hasPendingResult(f.taskId)).to.equal(false);
    });
  });

  describe("move 3: proveNeuron", function () {
    it("checks caller, turn, trace, neuron, row and sample", async function () {
      const f = await loadFixture(posted);
      await open(f);
      await expect(prove(f, 0, 0)).to.be.revertedWithCustomError(f.verifier, "GameNotAnswered");
      await answer(f);
      await expect(prove(f, 0, 0, f.outsider))
        .to.be.revertedWithCustomError(f.verifier, "NoOpenGame")
        .withArgs(f.taskId, f.outsider.address);
      const p = neuronProof(f.trees[1], scenario, 2, f.posted, 1, 0);
      const c = f.verifier.connect(f.challenger);
      await expect(c.proveNeuron(f.taskId, p.model, { ...p.row, layer: 3 }, p.sample))
        .to.be.revertedWithCustomError(f.verifier, "NeuronOutOfRange")
        .withArgs(3, 0);
      await expect(c.proveNeuron(f.taskId, p.model, { ...p.row, neuron: 4 }, p.sample))
        .to.be.revertedWithCustomError(f.verifier, "NeuronOutOfRange")
        .withArgs(1, 4);
      await expect(prove(f, 0, 0, f.challenger, 3)).to.be.revertedWithCustomError(f.verifier, "InvalidSample").withArgs(3);
      await expect(
        f.verifier.connect(f.challenger).proveNeuron(f.taskId, { ...p.model, trace: f.posted.subarray(1) }, p.row, p.sample),
      ).to.be.revertedWithCustomError(f.verifier, "TraceMismatch");
      await expect(
        f.verifier.connect(f.challenger).proveNeuron(f.taskId, p.model, { ...p.row, neuron: 1 }, p.sample),
      ).to.be.revertedWithCustomError(f.verifier, "InvalidRow").withArgs(1, 1);
      await expect(prove(f, 2, 1)).to.be.revertedWithCustomError(f.verifier, "NeuronCorrect").withArgs(2, 1, f.layers[2][1]);
    });

    it("costs a silent challenger its bond and leaves the result's deadline where it was", async function () {
      const f = await loadFixture(posted);
      const { deadline } = await f.verifier.claims(f.taskId);
      await open(f);
      await answer(f);
      await time.increase(RESPONSE_WINDOW);
      await expect(prove(f, 0, 0)).to.be.revertedWithCustomError(f.verifier, "TurnOver");
      await expect(f.verifier.timeoutGame(f.taskId, f.challenger))
        .to.emit(f.verifier, "GameEnded")
        .withArgs(f.taskId, f.challenger.address, false);
      expect(await f.verifier.credits(ethers.ZeroAddress, f.evaluator.address)).to.equal(f.bond);
      expect((await f.verifier.claims(f.taskId)).deadline).to.equal(deadline);
      await expect(f.verifier.timeoutGame(f.taskId, f.challenger)).to.be.revertedWithCustomError(f.verifier, "NoOpenGame");
      // The game took the whole game window (one day here): no game opens any more, and the result finalizes
      // at the deadline fixed when it was posted.
      await expect(open(f))
        .to.be.revertedWithCustomError(f.verifier, "GameWindowClosed")
        .withArgs(f.taskId, deadline - GAME_MOVES_TIME);
      await time.increaseTo(deadline);
      await expect(f.verifier.finalize(f.taskId)).to.emit(f.verifier, "ResultFinalized");
    });
  });

  it("ends with the result when a one-transaction dispute overturns it, returning the challenger's bond", async function () {
    const protocol = await deployProtocol(ethers);
    const { verifier, evaluator, challenger } = protocol;
    const { taskId, revealed } = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
    const honest = honestEvaluation(scenario, revealed);
    const scores = [...honest.scores];
    scores[0] = (scores[0] + 1) % (scenario.samples.length + 1);
    const lie = { ...honest, scores, winner: winnerOf(scores, minScoreFor(scenario)) };
    const call = await postEvaluation(verifier, evaluator, taskId, lie);
    const c = verifier.connect(challenger);
    const gameBond = await verifier.gameBond(taskId);
    await c.openGame(taskId, call.result, 1, lie.predictions[1], 0, { value: gameBond });
    const { bond } = await verifier.claims(taskId);
    await expect(c.challengeScore(taskId, call.result, 0, lie.predictions[0], labelsOf(scenario)))
      .to.emit(verifier, "ResultOverturned")
      .and.to.emit(verifier, "GameEnded")
      .withArgs(taskId, challenger.address, true);
    const share = (bond * CHALLENGER_SHARE_BPS) / 10_000n;
    expect(await verifier.credits(ethers.ZeroAddress, challenger.address)).to.equal(share + gameBond);
    expect((await verifier.games(taskId, challenger)).challenger).to.equal(ethers.ZeroAddress);
  });

  it("overturns a lie about a model over the one-transaction limits (784-160-10: 126 K MACs, 127 KB)", async function () {
    const big = makeScenario(160, { dims: [784, 160, 10], models: 1, size: 4 });
    const protocol = await deployProtocol(ethers);
    const { verifier, evaluator, challenger } = protocol;
    const { taskId, revealed, trees } = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, big, {
      maxLayers: 2,
      maxMacs: 784 * 160 + 160 * 10,
      maxModelBytes: 200_000,
    });
    const honest = honestEvaluation(big, revealed);
    const predictions = honest.predictions.map((p) => Uint8Array.from(p));
    const lie = (predictions[0][1] + 1) % 10;
    predictions[0][1] = lie;
    const call = await postEvaluation(verifier, evaluator, taskId, consistentEvaluation(big, predictions));
    await verifier.connect(challenger).openGame(taskId, call.result, 0, predictions[0], 1, { value: await verifier.gameBond(taskId) });
    const layers = trace(big.models[0], big.samples[1].input);
    layers[1][lie] = Math.max(...layers[1]) + 1;
    const posted = encodeTrace(layers);
    await verifier.connect(evaluator).answerGame(taskId, challenger, trees[0].header, trees[0].rowsRoot, posted);
    const p = neuronProof(trees[0], big, 1, posted, 1, lie);
    await expect(verifier.connect(challenger).proveNeuron(taskId, p.model, p.row, p.sample))
      .to.emit(verifier, "ResultOverturned")
      .withArgs(taskId, evaluator.address, challenger.address, 0, (v) => v > 0n, (v) => v > 0n);
  });
});
