// Fuzz of the availability game (issue 20, docs/training-tasks.md §8.5), in both directions: random shapes, random
// trainers that hold all their chunks or withhold some, random challenges. Every withheld chunk that is challenged
// ends slashed; no model whose chunks are all available is ever slashed; honest challengers and the honest
// evaluator never lose.
import { expect } from "chai";
import { network } from "hardhat";
import { availabilityChunk, availabilityChunkCount, createRng } from "../../../scripts/lib/evaluation.mjs";
import { STAKE, deployProtocol, honestEvaluation, makeScenario, postEvaluation, revealTestSet } from "./fixtures.mjs";
import { committedLargeTask } from "./large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;
const DAY = 86_400n;

describe("ModelAvailability fuzz: withheld chunks are slashed, available models never", function () {
  this.timeout(600_000);
  const seen = { withheld: 0, available: 0 };
  after(function () {
    // Both directions were exercised.
    expect(seen.withheld).to.be.greaterThan(0);
    expect(seen.available).to.be.greaterThan(0);
  });

  for (let seed = 1; seed <= 6; seed++) {
    it(`seed ${seed}`, async function () {
      const rng = createRng(9000 + seed);
      const hidden = [rng.int(1, 700)];
      if (rng.int(0, 1)) hidden.push(rng.int(1, 300));
      const dims = [8, ...hidden, 3];
      const models = rng.int(1, 3);
      const scenario = makeScenario(seed, { dims, models, size: 6 });
      const protocol = await deployProtocol(ethers);
      const { tasks, verifier, evaluator, trainers } = protocol;
      const { taskId, config, trees } = await committedLargeTask(ethers, networkHelpers, protocol, scenario);
      const availability = await ethers.getContractAt("ModelAvailability", await tasks.availability());
      const chunks = availabilityChunkCount(dims);
      const bond = await availability.challengeBond();

      // Each trainer holds all of its chunks, or withholds a random non-empty set of them.
      const withheld = trees.map(() => (rng.int(0, 1) ? new Set() : new Set([rng.int(0, chunks - 1), rng.int(0, chunks - 1)])));
      for (const w of withheld) seen[w.size ? "withheld" : "available"]++;
      const challengers = [protocol.challenger, protocol.outsider];
      const challenged = [];
      for (let m = 0; m < trees.length; m++) {
        // Challengers pick chunks at random and always pick the withheld ones (they could not fetch them).
        const picks = new Set([...withheld[m]]);
        for (let k = rng.int(0, 2); k > 0; k--) picks.add(rng.int(0, chunks - 1));
        for (const chunk of picks) {
          const by = challengers[rng.int(0, 1)];
          await availability.connect(by).challengeChunk(taskId, m, chunk, { value: bond });
          challenged.push({ m, chunk, by });
        }
      }
      // The trainers' nodes resolve every challenge on a chunk they hold; nobody can resolve the others.
      for (const { m, chunk } of challenged) {
        const part = availabilityChunk(trees[m], dims, chunk);
        if (withheld[m].has(chunk)) {
          const forged = part.rows.slice(0, -2) + (part.rows.endsWith("00") ? "01" : "00");
          await expect(availability.connect(trainers[m]).resolveChunk(taskId, m, chunk, trees[m].header, forged, part.proof)).to.be.revertedWithCustomError(availability, "InvalidChunkProof");
        } else {
          await expect(availability.connect(trainers[m]).resolveChunk(taskId, m, chunk, trees[m].header, part.rows, part.proof))
            .to.emit(availability, "ChunkResolved");
        }
      }
      await time.increase(DAY);
      const excluded = new Set();
      for (const { m, chunk, by } of challenged) {
        if (!withheld[m].has(chunk)) {
          await expect(availability.slashUnavailable(taskId, m, chunk)).to.be.revertedWithCustomError(availability, "NoChallenge");
          continue;
        }
        const before = await tasks.credits(ethers.ZeroAddress, by.address);
        await expect(availability.slashUnavailable(taskId, m, chunk))
          .to.emit(availability, "ChunkUnavailable")
          .withArgs(taskId, m, chunk, by.address, !excluded.has(m));
        const gained = (await tasks.credits(ethers.ZeroAddress, by.address)) - before;
        expect(gained).to.equal(excluded.has(m) ? 0n : STAKE / 2n);
        excluded.add(m);
      }
      // Exactly the withholding trainers are excluded.
      const survivors = trees.map((_, m) => m).filter((m) => withheld[m].size === 0);
      expect([...excluded].sort()).to.deep.equal(trees.map((_, m) => m).filter((m) => withheld[m].size > 0));
      const [entries] = await tasks.revealedModels(taskId);
      expect(entries.map(Number)).to.deep.equal(survivors);

      // Honest challengers never lose: each gets its bond back (withheld) or it paid a resolver of an available chunk.
      for (const by of challengers) {
        const mine = challenged.filter((c) => c.by === by);
        const refunded = BigInt(mine.filter((c) => withheld[c.m].has(c.chunk)).length) * bond;
        expect(await availability.credits(ethers.ZeroAddress, by.address)).to.equal(refunded);
      }

      // The honest evaluator posts on the surviving models after the windows and is paid back.
      if (survivors.length === 0) return;
      await time.increaseTo(config.revealDeadline);
      await revealTestSet(tasks, protocol.submitter, taskId, config, scenario);
      await time.increaseTo((await tasks.availabilityChallengeDeadline(taskId)) + DAY);
      expect(await tasks.availabilityPending(taskId)).to.equal(false);
      await postEvaluation(verifier, evaluator, taskId, honestEvaluation(scenario, survivors));
      const { bond: evaluatorBond, deadline } = await verifier.claims(taskId);
      await time.increaseTo(deadline);
      await verifier.finalize(taskId);
      expect(await verifier.credits(ethers.ZeroAddress, evaluator.address)).to.equal(evaluatorBond);
      // No excluded trainer gets its stake back; every survivor that reached the baseline does.
      for (const m of excluded) expect(await tasks.credits(ethers.ZeroAddress, trainers[m].address)).to.equal(0n);
    });
  }
});
