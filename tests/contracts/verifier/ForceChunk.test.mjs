// Issue 20: the prediction game forces the chunk holding a row it needs on chain (docs/training-tasks.md §8.5).
// A model committed without publication keeps its bytes in the content store; a challenger whose game needs a row
// of it forces that chunk through the availability game after its challenge window. Resolved, the game goes on from
// the posted rows; unresolved, the challenger wins the game and the trainer is slashed as for any challenge.
import { expect } from "chai";
import { network } from "hardhat";
import { availabilityChunk, availabilityHeight, createRng, encodeTrace, trace } from "../../../scripts/lib/evaluation.mjs";
import { STAKE, consistentEvaluation, deployProtocol, honestEvaluation, makeScenario, postEvaluation, revealTestSet } from "../training/fixtures.mjs";
import { committedLargeTask, largeTaskReadyForEvaluation, neuronProof } from "../training/large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const DAY = 86_400n;
// 300 + 3 rows; the widest row is 304 bytes: chunks of 128 rows, 3 chunks. The output layer's rows are in chunk 2.
const dims = [8, 300, 3];
const scenario = makeScenario(77, { dims, models: 2, size: 6 });
const MODEL = 1; // the disputed model (entry 1)
const SAMPLE = 2; // the disputed sample
const OUTPUT_CHUNK = Math.floor((dims[1] + 0) / 2 ** availabilityHeight(dims));

describe("OptimisticVerifier: a game forces a committed model's chunk on chain (issue 20)", function () {
  this.timeout(120_000);

  /**
   * A committed large-model task whose result is posted: a lie about model 1's prediction of sample 2 when `lie`,
   * else the honest result. Both models are committed, nothing published.
   */
  async function postedOn(lie) {
    const protocol = await deployProtocol(ethers);
    const ready = await committedLargeTask(ethers, networkHelpers, protocol, scenario);
    const availability = await ethers.getContractAt("ModelAvailability", await protocol.tasks.availability());
    await time.increaseTo(ready.config.revealDeadline);
    await revealTestSet(protocol.tasks, protocol.submitter, ready.taskId, ready.config, scenario);
    await time.increaseTo((await protocol.tasks.availabilityChallengeDeadline(ready.taskId)) + DAY);
    const predictions = honestEvaluation(scenario, [0, 1]).predictions.map((p) => Uint8Array.from(p));
    const layers = trace(scenario.models[MODEL], scenario.samples[SAMPLE].input);
    const truth = predictions[MODEL][SAMPLE];
    const claimed = lie ? (truth + 1) % 3 : truth;
    if (lie) {
      predictions[MODEL][SAMPLE] = claimed;
      layers.at(-1)[claimed] = Math.max(...layers.at(-1)) + 1;
    }
    const call = await postEvaluation(protocol.verifier, protocol.evaluator, ready.taskId, consistentEvaluation(scenario, predictions));
    const gameBond = await protocol.verifier.gameBond(ready.taskId);
    const chunkBond = await availability.challengeBond();
    return { ...protocol, ...ready, availability, call, predictions, trace: encodeTrace(layers), layers, claimed, gameBond, chunkBond };
  }
  const lying = () => postedOn(true);
  const honest = () => postedOn(false);

  const open = (f, who = f.challenger) =>
    f.verifier.connect(who).openGame(f.taskId, f.call.result, MODEL, f.predictions[MODEL], SAMPLE, { value: f.gameBond });
  const answer = (f, who = f.challenger) =>
    f.verifier.connect(f.evaluator).answerGame(f.taskId, who, f.trees[MODEL].header, f.trees[MODEL].rowsRoot, f.trace);
  const force = (f, chunk = OUTPUT_CHUNK, who = f.challenger, value = f.chunkBond) =>
    f.verifier.connect(who).forceChunk(f.taskId, chunk, { value });
  const resolve = (f, from, chunk = OUTPUT_CHUNK) => {
    const part = availabilityChunk(f.trees[MODEL], dims, chunk);
    return f.availability.connect(from).resolveChunk(f.taskId, MODEL, chunk, f.trees[MODEL].header, part.rows, part.proof);
  };
  const prove = (f, neuron = f.claimed, who = f.challenger) => {
    const p = neuronProof(f.trees[MODEL], scenario, SAMPLE, f.trace, dims.length - 2, neuron);
    return f.verifier.connect(who).proveNeuron(f.taskId, p.model, p.row, p.sample);
  };

  it("its windows: FORCE_TIME is the availability game's resolve window, and games close before it too", async function () {
    const f = await loadFixture(lying);
    expect(await f.verifier.FORCE_TIME()).to.equal(await f.availability.RESOLVE_WINDOW());
    expect(await f.verifier.GAME_MOVES_TIME()).to.equal(2n * (await f.verifier.RESPONSE_WINDOW()) + (await f.verifier.FORCE_TIME()));
    expect(await f.verifier.availability()).to.equal(f.availability.target);
  });

  it("a game that needs an unpublished row forces it; anyone resolves; the lie is proven from the posted rows", async function () {
    const f = await loadFixture(lying);
    await open(f);
    await answer(f);
    const { turnEnds } = await f.verifier.games(f.taskId, f.challenger);
    const tx = force(f);
    const now = BigInt(await time.latest()) + 1n;
    await expect(tx)
      .to.emit(f.verifier, "ChunkForced")
      .withArgs(f.taskId, f.challenger.address, MODEL, OUTPUT_CHUNK, now + DAY, turnEnds + DAY)
      .and.to.emit(f.availability, "ChunkChallenged")
      .withArgs(f.taskId, MODEL, OUTPUT_CHUNK, f.challenger.address, f.chunkBond, now + DAY);
    expect((await f.verifier.games(f.taskId, f.challenger)).turnEnds).to.equal(turnEnds + DAY);
    const forced = await f.verifier.forcedChunks(f.taskId, f.challenger);
    expect([forced.entry, forced.chunk, forced.resolveDeadline, forced.forced]).to.deep.equal([BigInt(MODEL), BigInt(OUTPUT_CHUNK), now + DAY, true]);
    // The trainer (here: anyone with the bytes) resolves in the last hour; the challenger still has its day.
    await time.increase(DAY - 3600n);
    await expect(resolve(f, f.trainers[MODEL])).to.emit(f.availability, "ChunkResolved");
    expect(await f.availability.credits(ethers.ZeroAddress, f.trainers[MODEL].address)).to.equal(f.chunkBond);
    await time.increase(DAY - 60n);
    await expect(prove(f)).to.emit(f.verifier, "ResultOverturned").and.to.emit(f.verifier, "GameEnded").withArgs(f.taskId, f.challenger.address, true);
    expect((await f.verifier.forcedChunks(f.taskId, f.challenger)).forced).to.equal(false);
    expect(await f.tasks.availabilityPending(f.taskId)).to.equal(false);
  });

  it("an unresolved forced chunk wins the game for the challenger and slashes the trainer", async function () {
    const f = await loadFixture(lying);
    await open(f);
    await answer(f);
    await force(f);
    await expect(f.verifier.timeoutGame(f.taskId, f.challenger)).to.be.revertedWithCustomError(f.verifier, "TurnNotOver");
    await time.increase(DAY);
    // Past the resolve deadline: nobody may resolve any more, and the game ends at once, the challenger winning.
    await expect(resolve(f, f.trainers[MODEL])).to.be.revertedWithCustomError(f.availability, "ResolveWindowClosed");
    const share = (await f.verifier.claims(f.taskId)).bond * 4000n / 10_000n;
    await expect(f.verifier.connect(f.outsider).timeoutGame(f.taskId, f.challenger))
      .to.emit(f.verifier, "ResultOverturned")
      .and.to.emit(f.verifier, "GameEnded")
      .withArgs(f.taskId, f.challenger.address, true);
    expect(await f.verifier.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(f.gameBond + share);
    // The next result waits for the slash, which pays the challenger half the stake and its bond back.
    expect(await f.tasks.availabilityPending(f.taskId)).to.equal(true);
    await expect(f.availability.slashUnavailable(f.taskId, MODEL, OUTPUT_CHUNK))
      .to.emit(f.tasks, "ModelExcluded")
      .withArgs(f.taskId, MODEL, f.challenger.address, STAKE / 2n, STAKE - STAKE / 2n);
    expect(await f.availability.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(f.chunkBond);
    const survivors = honestEvaluation(scenario, [0]);
    await postEvaluation(f.verifier, f.evaluator, f.taskId, survivors);
    await time.increaseTo((await f.verifier.claims(f.taskId)).deadline);
    await expect(f.verifier.finalize(f.taskId)).to.emit(f.verifier, "ResultFinalized");
  });

  it("an honest evaluator never loses: it resolves the forced chunk itself and the challenger cannot prove a neuron", async function () {
    const f = await loadFixture(honest);
    const { deadline } = await f.verifier.claims(f.taskId);
    await open(f);
    await answer(f);
    await force(f);
    await resolve(f, f.evaluator);
    expect(await f.availability.credits(ethers.ZeroAddress, f.evaluator.address)).to.equal(f.chunkBond);
    await expect(prove(f, 0)).to.be.revertedWithCustomError(f.verifier, "NeuronCorrect");
    await time.increaseTo((await f.verifier.games(f.taskId, f.challenger)).turnEnds);
    await expect(f.verifier.timeoutGame(f.taskId, f.challenger)).to.emit(f.verifier, "GameEnded").withArgs(f.taskId, f.challenger.address, false);
    expect(await f.verifier.credits(ethers.ZeroAddress, f.evaluator.address)).to.equal(f.gameBond);
    await time.increaseTo(deadline);
    await expect(f.verifier.finalize(f.taskId)).to.emit(f.verifier, "ResultFinalized");
  });

  it("a game opened at the last moment and forcing in its last second still ends by the deadline", async function () {
    const f = await loadFixture(honest);
    const { deadline } = await f.verifier.claims(f.taskId);
    await time.increaseTo(deadline - (await f.verifier.GAME_MOVES_TIME()) - 2n); // the open lands one second before the close
    await open(f);
    await time.increase(DAY - 2n);
    await answer(f);
    await time.increaseTo((await f.verifier.games(f.taskId, f.challenger)).turnEnds - 2n); // the force lands in the last second
    await force(f);
    const { turnEnds } = await f.verifier.games(f.taskId, f.challenger);
    expect(turnEnds <= deadline).to.equal(true);
    expect((await f.verifier.claims(f.taskId)).deadline).to.equal(deadline);
  });

  it("a second game needing the same chunk waits on the open challenge without a new bond", async function () {
    const f = await loadFixture(lying);
    await open(f);
    await answer(f);
    await force(f);
    const { resolveDeadline } = await f.availability.challenges(f.taskId, MODEL, OUTPUT_CHUNK);
    await open(f, f.outsider);
    await answer(f, f.outsider);
    await expect(force(f, OUTPUT_CHUNK, f.outsider)).to.be.revertedWithCustomError(f.availability, "ChallengeBondNotTaken").withArgs(f.chunkBond);
    await expect(force(f, OUTPUT_CHUNK, f.outsider, 0n))
      .to.emit(f.verifier, "ChunkForced")
      .and.not.to.emit(f.availability, "ChunkChallenged");
    expect((await f.verifier.forcedChunks(f.taskId, f.outsider)).resolveDeadline).to.equal(resolveDeadline);
    expect(await f.availability.openChallenges(f.taskId)).to.equal(1n);
  });

  it("no slash while the result is judged: the forcing game overturns it first, so the revealed models stay put", async function () {
    const f = await loadFixture(lying);
    await open(f);
    await answer(f);
    await force(f);
    await time.increase(DAY);
    await expect(f.availability.slashUnavailable(f.taskId, MODEL, OUTPUT_CHUNK))
      .to.be.revertedWithCustomError(f.availability, "ResultPending")
      .withArgs(f.taskId);
    await expect(f.verifier.finalize(f.taskId)).to.be.revertedWithCustomError(f.verifier, "ChallengeWindowOpen");
    const { resolveDeadline } = await f.verifier.forcedChunks(f.taskId, f.challenger);
    await f.verifier.timeoutGame(f.taskId, f.challenger);
    await expect(f.availability.slashUnavailable(f.taskId, MODEL, OUTPUT_CHUNK)).to.emit(f.tasks, "ModelExcluded");
    // Once unavailable, always: the slash deleted the challenge, and the answer stays.
    expect(await f.availability.unavailable(f.taskId, MODEL, OUTPUT_CHUNK, resolveDeadline)).to.equal(true);
  });

  describe("fuzz: who resolves, whether the result lies, when the challenger forces", function () {
    for (let seed = 1; seed <= 12; seed++) {
      it(`seed ${seed}: an unresolved chunk always wins the game and slashes; a resolved one leaves the game to the truth`, async function () {
        const rng = createRng(seed);
        const lie = rng.int(0, 1) === 1;
        const f = await loadFixture(lie ? lying : honest);
        const resolver = [null, f.trainers[MODEL], f.evaluator, f.outsider][rng.int(0, 3)];
        const chunk = lie ? OUTPUT_CHUNK : rng.int(0, 2);
        await open(f);
        await answer(f);
        await time.increase(BigInt(rng.int(0, 80_000))); // the challenger forces at some point of its turn
        await force(f, chunk);
        const { resolveDeadline } = await f.verifier.forcedChunks(f.taskId, f.challenger);
        if (resolver) {
          await time.increaseTo(resolveDeadline - BigInt(rng.int(2, 80_000)));
          await resolve(f, resolver, chunk);
          // The challenger has at least the rest of its turn after the deadline to prove.
          expect((await f.verifier.games(f.taskId, f.challenger)).turnEnds >= resolveDeadline).to.equal(true);
          if (lie) {
            await expect(prove(f)).to.emit(f.verifier, "ResultOverturned");
          } else {
            await expect(prove(f, 0)).to.be.revertedWithCustomError(f.verifier, "NeuronCorrect");
            await time.increaseTo((await f.verifier.games(f.taskId, f.challenger)).turnEnds);
            await expect(f.verifier.timeoutGame(f.taskId, f.challenger)).to.emit(f.verifier, "GameEnded").withArgs(f.taskId, f.challenger.address, false);
          }
          expect(await f.availability.credits(ethers.ZeroAddress, resolver.address)).to.equal(f.chunkBond);
          expect(await f.availability.openChallenges(f.taskId)).to.equal(0n);
        } else {
          await time.increaseTo(resolveDeadline);
          await expect(f.verifier.timeoutGame(f.taskId, f.challenger)).to.emit(f.verifier, "ResultOverturned");
          await expect(f.availability.slashUnavailable(f.taskId, MODEL, chunk)).to.emit(f.tasks, "ModelExcluded");
          expect(await f.tasks.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(STAKE / 2n);
        }
      });
    }
  });

  describe("bad input and attacks: named errors, no change", function () {
    it("a non-challenger, before the answer, twice, out of range, a resolved chunk, a low bond, after the game", async function () {
      const f = await loadFixture(lying);
      await expect(force(f, OUTPUT_CHUNK, f.outsider)).to.be.revertedWithCustomError(f.verifier, "NoOpenGame").withArgs(f.taskId, f.outsider.address);
      await open(f);
      await expect(force(f)).to.be.revertedWithCustomError(f.verifier, "GameNotAnswered").withArgs(f.taskId);
      await answer(f);
      await expect(force(f, 3)).to.be.revertedWithCustomError(f.availability, "ChunkOutOfRange").withArgs(3, 3);
      await expect(force(f, OUTPUT_CHUNK, f.challenger, f.chunkBond - 1n))
        .to.be.revertedWithCustomError(f.availability, "ChallengeBondTooLow")
        .withArgs(f.chunkBond - 1n, f.chunkBond);
      await expect(f.availability.connect(f.challenger).forceChunk(f.taskId, MODEL, OUTPUT_CHUNK, f.challenger, { value: f.chunkBond }))
        .to.be.revertedWithCustomError(f.availability, "NotVerifier")
        .withArgs(f.challenger.address);
      await expect(f.availability.connect(f.challenger).challengeChunk(f.taskId, MODEL, 0, { value: f.chunkBond }))
        .to.be.revertedWithCustomError(f.availability, "AvailabilityWindowClosed");
      await force(f, 0);
      await resolve(f, f.outsider, 0);
      await expect(force(f, OUTPUT_CHUNK))
        .to.be.revertedWithCustomError(f.verifier, "ChunkAlreadyForced")
        .withArgs(f.taskId, f.challenger.address, MODEL, 0);
      // Another game cannot force a chunk already on chain: its rows are in the resolution's calldata.
      await open(f, f.outsider);
      await answer(f, f.outsider);
      await expect(force(f, 0, f.outsider)).to.be.revertedWithCustomError(f.availability, "ChunkAlreadyResolved").withArgs(f.taskId, MODEL, 0);
      // After the challenger's (extended) turn the game is over and nothing can be forced.
      await time.increaseTo((await f.verifier.games(f.taskId, f.challenger)).turnEnds);
      await f.verifier.timeoutGame(f.taskId, f.challenger);
      await expect(force(f, OUTPUT_CHUNK)).to.be.revertedWithCustomError(f.verifier, "NoOpenGame");
    });

    it("a published model has no chunk to force", async function () {
      const protocol = await deployProtocol(ethers);
      const ready = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, { maxMacs: 100_000 });
      const availability = await ethers.getContractAt("ModelAvailability", await protocol.tasks.availability());
      const predictions = honestEvaluation(scenario, ready.revealed).predictions.map((p) => Uint8Array.from(p));
      const call = await postEvaluation(protocol.verifier, protocol.evaluator, ready.taskId, consistentEvaluation(scenario, predictions));
      const gameBond = await protocol.verifier.gameBond(ready.taskId);
      await protocol.verifier.connect(protocol.challenger).openGame(ready.taskId, call.result, MODEL, predictions[MODEL], SAMPLE, { value: gameBond });
      const layers = trace(scenario.models[MODEL], scenario.samples[SAMPLE].input);
      await protocol.verifier
        .connect(protocol.evaluator)
        .answerGame(ready.taskId, protocol.challenger, ready.trees[MODEL].header, ready.trees[MODEL].rowsRoot, encodeTrace(layers));
      await expect(protocol.verifier.connect(protocol.challenger).forceChunk(ready.taskId, 0, { value: await availability.challengeBond() }))
        .to.be.revertedWithCustomError(availability, "NotCommittedModel")
        .withArgs(ready.taskId, MODEL);
    });
  });
});
