// Issue 20, fault 2: the evaluator (or an ally) could hold a task's only game slot against its own wrong result,
// forfeit its bond back to itself, reopen, and keep honest challengers out and the task unsettled. Now every
// challenger plays its own game, games open only before deadline - GAME_MOVES_TIME, and no game moves the deadline.
import { expect } from "chai";
import { network } from "hardhat";
import { createRng, encodeTrace, trace } from "../../../scripts/lib/evaluation.mjs";
import { consistentEvaluation, deployProtocol, honestEvaluation, makeScenario, postEvaluation } from "../training/fixtures.mjs";
import { largeTaskReadyForEvaluation, neuronProof } from "../training/large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const RESPONSE_WINDOW = 86_400n;
// OptimisticVerifier.GAME_MOVES_TIME: two turns and a forced chunk's resolution (ForceChunk.test.mjs holds it equal).
const GAME_MOVES_TIME = 3n * RESPONSE_WINDOW;
const scenario = makeScenario(57, { dims: [6, 5, 4, 3], models: 2, size: 6 });

describe("OptimisticVerifier: nobody can hold the game or delay settlement (issue 20, fault 2)", function () {
  /** A large-model task whose evaluator posted a lie about model 1, sample 2; `ally` is a second evaluator account. */
  async function lying() {
    const protocol = await deployProtocol(ethers);
    await protocol.verifier.connect(protocol.governance).setChallengeWindow(3n * RESPONSE_WINDOW);
    const ready = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
    const honest = honestEvaluation(scenario, ready.revealed);
    const predictions = honest.predictions.map((p) => Uint8Array.from(p));
    const truth = predictions[1][2];
    const lie = (truth + 1) % 3;
    predictions[1][2] = lie;
    const evaluation = consistentEvaluation(scenario, predictions);
    const call = await postEvaluation(protocol.verifier, protocol.evaluator, ready.taskId, evaluation);
    const { deadline } = await protocol.verifier.claims(ready.taskId);
    const bond = await protocol.verifier.gameBond(ready.taskId);
    const [ally] = (await ethers.getSigners()).slice(-1);
    return { ...protocol, ...ready, predictions, call, lie, truth, deadline, bond, ally };
  }
  const openAs = (f, who, model, sample) =>
    f.verifier.connect(who).openGame(f.taskId, f.call.result, model, f.predictions[model], sample, { value: f.bond });
  /** The evaluator's answer to `challenger`: the true trace (a correct prediction), or one forged to the lie. */
  const answerAs = (f, challenger, model, sample, posted) =>
    f.verifier.connect(f.evaluator).answerGame(f.taskId, challenger, f.trees[model].header, f.trees[model].rowsRoot, posted);

  it("the reported attack: the evaluator holds a game against its own lie; an honest challenger still opens one and wins", async function () {
    const f = await loadFixture(lying);
    // The evaluator's ally opens a game on a correct prediction, which the evaluator answers truthfully.
    await openAs(f, f.evaluator, 0, 0);
    await answerAs(f, f.evaluator, 0, 0, encodeTrace(trace(scenario.models[0], scenario.samples[0].input)));
    // The honest challenger is not kept out.
    await expect(openAs(f, f.challenger, 1, 2)).to.emit(f.verifier, "GameOpened");
    const layers = trace(scenario.models[1], scenario.samples[2].input);
    layers.at(-1)[f.lie] = Math.max(...layers.at(-1)) + 1;
    const posted = encodeTrace(layers);
    await answerAs(f, f.challenger, 1, 2, posted);
    const p = neuronProof(f.trees[1], scenario, 2, posted, layers.length - 1, f.lie);
    await expect(f.verifier.connect(f.challenger).proveNeuron(f.taskId, p.model, p.row, p.sample))
      .to.emit(f.verifier, "ResultOverturned")
      .withArgs(f.taskId, f.evaluator.address, f.challenger.address, 0, (v) => v > 0n, (v) => v > 0n);
    // The ally's game is left from an overturned result: it cannot be answered or played, only refunded.
    await expect(answerAs(f, f.evaluator, 0, 0, "0x"))
      .to.be.revertedWithCustomError(f.verifier, "NoOpenGame")
      .withArgs(f.taskId, f.evaluator.address);
    const before = await f.verifier.credits(ethers.ZeroAddress, f.evaluator.address);
    await expect(f.verifier.timeoutGame(f.taskId, f.evaluator)).to.emit(f.verifier, "GameEnded").withArgs(f.taskId, f.evaluator.address, true);
    expect(await f.verifier.credits(ethers.ZeroAddress, f.evaluator.address)).to.equal(before + f.bond);
  });

  it("forfeiting to itself and reopening never moves the deadline, and the task settles at it", async function () {
    const f = await loadFixture(lying);
    // The evaluator and its ally take turns holding games, each time losing the bond to the evaluator.
    const holders = [f.evaluator, f.ally];
    const rng = createRng(2020);
    for (let round = 0; ; round++) {
      const now = BigInt(await time.latest());
      if (now + 1n >= f.deadline - GAME_MOVES_TIME) break;
      const who = holders[round % 2];
      const sample = rng.int(0, 5);
      await openAs(f, who, 0, sample);
      await answerAs(f, who, 0, sample, encodeTrace(trace(scenario.models[0], scenario.samples[sample].input)));
      await time.increase(RESPONSE_WINDOW);
      await f.verifier.timeoutGame(f.taskId, who);
      expect((await f.verifier.claims(f.taskId)).deadline).to.equal(f.deadline);
    }
    await expect(openAs(f, f.ally, 0, 0))
      .to.be.revertedWithCustomError(f.verifier, "GameWindowClosed")
      .withArgs(f.taskId, f.deadline - GAME_MOVES_TIME);
    // Nothing kept the honest challenger out meanwhile, but here nobody challenged: the (lying) result
    // settles exactly at the deadline fixed when it was posted.
    await time.increaseTo(f.deadline);
    await expect(f.verifier.finalize(f.taskId)).to.emit(f.verifier, "ResultFinalized");
  });

  it("a game opened at the last moment ends by the deadline, whoever stalls", async function () {
    const f = await loadFixture(lying);
    await time.increaseTo(f.deadline - GAME_MOVES_TIME - 2n); // the open lands one second before the close
    await openAs(f, f.ally, 0, 1); // the last second the game window allows
    await time.increase(RESPONSE_WINDOW - 2n); // the evaluator answers in the last second of its turn
    await answerAs(f, f.ally, 0, 1, encodeTrace(trace(scenario.models[0], scenario.samples[1].input)));
    const { turnEnds } = await f.verifier.games(f.taskId, f.ally);
    expect(turnEnds <= f.deadline).to.equal(true);
    await time.increaseTo(f.deadline);
    await expect(f.verifier.finalize(f.taskId)).to.be.revertedWithCustomError(f.verifier, "GamesOpen").withArgs(f.taskId, 1);
    await f.verifier.timeoutGame(f.taskId, f.ally);
    await expect(f.verifier.finalize(f.taskId)).to.emit(f.verifier, "ResultFinalized");
    expect((await f.verifier.gameChallengers(f.taskId)).openGames).to.equal(0n);
  });

  it("lists the challengers of the current result for readers off chain", async function () {
    const f = await loadFixture(lying);
    await openAs(f, f.ally, 0, 0);
    await openAs(f, f.challenger, 1, 2);
    const { challengers, openGames } = await f.verifier.gameChallengers(f.taskId);
    expect(challengers).to.deep.equal([f.ally.address, f.challenger.address]);
    expect(openGames).to.equal(2n);
  });
});
