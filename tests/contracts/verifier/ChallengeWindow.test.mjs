// Issue 8, item 9: the challenge window always outlasts what a censoring OP Stack sequencer can delay a
// challenge (the 12-hour sequencer window on OP Mainnet), with a margin.
import { expect } from "chai";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import {
  deployProtocol,
  honestEvaluation,
  labelsOf,
  makeScenario,
  postEvaluation,
  taskReadyForEvaluation,
} from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const HOUR = 3600;
const SEQUENCER_WINDOW = 12 * HOUR; // OP Mainnet: 3,600 L1 blocks of 12 s

describe("Challenge window (issue 8, item 9)", function () {
  const scenario = makeScenario(29, { size: 6 });
  const deploy = () => deployProtocol(ethers);

  it("the DAO cannot set the reported one-hour window", async function () {
    const { verifier, governance } = await loadFixture(deploy);
    await expect(verifier.connect(governance).setChallengeWindow(HOUR)).to.be.revertedWithCustomError(
      verifier,
      "ChallengeWindowOutOfRange",
    );
  });

  it("property: every settable window exceeds the sequencer window by at least as much again", async function () {
    const { verifier, governance } = await loadFixture(deploy);
    const rng = createRng(909);
    const [min, max] = [Number(await verifier.MIN_CHALLENGE_WINDOW()), Number(await verifier.MAX_CHALLENGE_WINDOW())];
    expect(min).to.be.at.least(2 * SEQUENCER_WINDOW);
    for (let round = 0; round < 30; round++) {
      const window = rng.int(0, 40 * 24) * HOUR + rng.int(-1, 1);
      const set = verifier.connect(governance).setChallengeWindow(Math.max(window, 0));
      if (window >= min && window <= max) {
        await set;
        expect(await verifier.challengeWindow()).to.be.at.least(2 * SEQUENCER_WINDOW);
      } else {
        await expect(set).to.be.revertedWithCustomError(verifier, "ChallengeWindowOutOfRange");
      }
    }
  });

  it("a challenge held back for the whole sequencer window at the shortest window still lands", async function () {
    const protocol = await loadFixture(deploy);
    const { verifier, governance, evaluator, challenger } = protocol;
    await verifier.connect(governance).setChallengeWindow(await verifier.MIN_CHALLENGE_WINDOW());
    const { taskId, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
    const honest = honestEvaluation(scenario, revealed);
    const lie = { ...honest, scores: honest.scores.map((s) => s + 1) };
    const call = await postEvaluation(verifier, evaluator, taskId, lie);
    // The sequencer censors the challenger; its L1 deposit is forced in at the end of the sequencer window.
    await time.increase(SEQUENCER_WINDOW);
    await expect(verifier.connect(challenger).challengeScore(taskId, call.result, 0, lie.predictions[0], labelsOf(scenario)))
      .to.emit(verifier, "ResultOverturned");
  });
});
