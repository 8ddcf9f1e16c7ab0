// Issue 8, item 10: the bond a result needs grows with what a lie could win, so that lying never pays, even
// for a liar who front-runs its own challenge.
import { expect } from "chai";
import { parseEther, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import {
  deployProtocol,
  gasCost,
  honestEvaluation,
  labelsOf,
  NO_WINNER,
  makeScenario,
  postEvaluation,
  resultCalldata,
  taskReadyForEvaluation,
} from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;
const BPS = 10_000n;

describe("Evaluator bonds (issue 8, item 10)", function () {
  const scenario = makeScenario(23, { size: 8 });
  const deploy = () => deployProtocol(ethers);

  /** A liar posts a wrong score for model 0 and challenges it itself; returns its net ETH change and the stakes. */
  async function selfChallengedLie(protocol, overrides) {
    const { verifier, evaluator } = protocol;
    const { taskId, config, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, { overrides });
    const honest = honestEvaluation(scenario, revealed, config.minScore);
    // The lie: model 2 (random) gets a perfect score and the reward.
    const lie = { ...honest, scores: [...honest.scores.slice(0, 2), scenario.samples.length], winner: 2 };
    const before = await ethers.provider.getBalance(evaluator.address);
    const call = resultCalldata(lie);
    const bond = await verifier.requiredBond(taskId);
    let gas = await gasCost(
      await verifier.connect(evaluator).postResult(taskId, call.scores, call.winner, call.predictions, { value: bond }),
    );
    const proof = await verifier
      .connect(evaluator)
      .challengeScore(taskId, call.result, 2, lie.predictions[2], labelsOf(scenario));
    gas += await gasCost(proof);
    gas += await gasCost(await verifier.connect(evaluator).withdraw(ZeroAddress));
    const after = await ethers.provider.getBalance(evaluator.address);
    return { lost: before - after - gas, atStake: config.reward + 3n * config.stake };
  }

  describe("the reported scenario", function () {
    it("a liar who challenges itself first still loses at least what the lie could win", async function () {
      const protocol = await loadFixture(deploy);
      // The DAO's largest challenger share: a self-challenge recovers half the bond.
      await protocol.verifier.connect(protocol.governance).setChallengerShare(5_000);
      const { lost, atStake } = await selfChallengedLie(protocol, {});
      expect(lost).to.be.at.least(atStake);
    });

    it("bonds in the task's token: an ERC-20 task's bond scales with its ERC-20 reward", async function () {
      const protocol = await loadFixture(deploy);
      const { verifier, token, evaluator } = protocol;
      const reward = parseEther("100");
      const { taskId, config, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, {
        overrides: { token: await token.getAddress(), reward, stake: parseEther("20") },
      });
      const bond = await verifier.requiredBond(taskId);
      expect(bond).to.equal(((reward + 3n * config.stake) * BPS + 5_999n) / 6_000n);
      await token.mint(evaluator.address, bond);
      await token.connect(evaluator).approve(verifier, bond);
      const honest = honestEvaluation(scenario, revealed, config.minScore);
      const before = await token.balanceOf(evaluator.address);
      await postEvaluation(verifier, evaluator, taskId, honest, { erc20: true });
      expect(await token.balanceOf(evaluator.address)).to.equal(before - bond);
      expect(await token.balanceOf(verifier)).to.equal(bond);
      expect((await verifier.claims(taskId)).token).to.equal(await token.getAddress());
    });
  });

  describe("property: a caught lie always costs at least what it could win", function () {
    it("random rewards, stakes, shares and floors: requiredBond is the least bond that does", async function () {
      const protocol = await loadFixture(deploy);
      const { verifier, governance } = protocol;
      const rng = createRng(1010);
      const { taskId, config } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, {});
      const atStake = config.reward + 3n * config.stake;
      for (let round = 0; round < 25; round++) {
        const share = BigInt(rng.int(0, 5_000));
        const floor = BigInt(rng.int(1, 40)) * parseEther("1");
        await verifier.connect(governance).setChallengerShare(share);
        await verifier.connect(governance).setMinEvaluatorBond(floor);
        const bond = await verifier.requiredBond(taskId);
        const kept = (b) => b - (b * share) / BPS; // what a self-challenging liar loses
        expect(kept(bond)).to.be.at.least(atStake);
        // Least: one wei less would not do, unless the DAO's floor set it.
        if (bond > floor) expect(kept(bond - 1n) * BPS).to.be.below(atStake * BPS + BPS);
        else expect(bond).to.equal(floor);
      }
    });

    it("a share raised after posting does not change what the posted bond's liar loses", async function () {
      const protocol = await loadFixture(deploy);
      const { verifier, governance, evaluator, challenger } = protocol;
      await verifier.connect(governance).setChallengerShare(0);
      const { taskId, config, revealed } = await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, {});
      const honest = honestEvaluation(scenario, revealed, config.minScore);
      const lie = { ...honest, winner: NO_WINNER }; // wrong: model 0 reaches the baseline
      const bond = await verifier.requiredBond(taskId);
      const call = await postEvaluation(verifier, evaluator, taskId, lie);
      await verifier.connect(governance).setChallengerShare(5_000);
      await expect(verifier.connect(challenger).challengeWinner(taskId, call.result))
        .to.emit(verifier, "ResultOverturned")
        .withArgs(taskId, evaluator.address, challenger.address, 2, 0, bond);
    });
  });
});
