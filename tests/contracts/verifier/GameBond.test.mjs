// Issue 20, fault 5: the prediction game's bond was always ETH at minEvaluatorBond, whatever the task's token.
// It is now gameBond(taskId) = requiredBond(taskId), in the task's token, and every credit of the game is in it.
import { expect } from "chai";
import { network } from "hardhat";
import { encodeTrace, trace } from "../../../scripts/lib/evaluation.mjs";
import { CHALLENGER_SHARE_BPS, MIN_BOND, deployProtocol, honestEvaluation, makeScenario, postEvaluation } from "../training/fixtures.mjs";
import { largeTaskReadyForEvaluation } from "../training/large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const RESPONSE_WINDOW = 86_400n;
const scenario = makeScenario(33, { dims: [6, 5, 4, 3], models: 2, size: 6 });

describe("OptimisticVerifier: the game's bond follows the task's token and bond rules (issue 20, fault 5)", function () {
  async function tokenTaskPosted() {
    const protocol = await deployProtocol(ethers);
    const token = await protocol.token.getAddress();
    const ready = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario, { token });
    const honest = honestEvaluation(scenario, ready.revealed);
    const call = await postEvaluation(protocol.verifier, protocol.evaluator, ready.taskId, honest, { erc20: true });
    return { ...protocol, ...ready, honest, call };
  }
  const open = (f, overrides = {}) =>
    f.verifier.connect(f.challenger).openGame(f.taskId, f.call.result, 1, f.honest.predictions[1], 2, overrides);

  it("the reported fault: a token task's game takes its bond in the token, at the task's required bond", async function () {
    const f = await loadFixture(tokenTaskPosted);
    const bond = await f.verifier.gameBond(f.taskId);
    expect(bond).to.equal(await f.verifier.requiredBond(f.taskId));
    expect(bond).to.not.equal(MIN_BOND);
    // ETH is refused: the old ETH bond at minEvaluatorBond no longer opens a game.
    await expect(open(f, { value: MIN_BOND })).to.be.revertedWithCustomError(f.verifier, "IncorrectPayment").withArgs(0, MIN_BOND);
    const before = await f.token.balanceOf(f.challenger.address);
    await expect(open(f)).to.emit(f.verifier, "GameOpened").withArgs(f.taskId, f.challenger.address, 1, 2, f.honest.predictions[1][2], bond, (t) => t > 0n);
    expect(await f.token.balanceOf(f.challenger.address)).to.equal(before - bond);
  });

  it("a challenger without the tokens cannot open, and nothing changes", async function () {
    const f = await loadFixture(tokenTaskPosted);
    await f.token.connect(f.challenger).approve(f.verifier, 0n);
    await expect(open(f)).to.be.revertedWithCustomError(f.token, "ERC20InsufficientAllowance");
    expect((await f.verifier.games(f.taskId, f.challenger)).challenger).to.equal(ethers.ZeroAddress);
  });

  it("credits a silent evaluator's loss back to the challenger in the token", async function () {
    const f = await loadFixture(tokenTaskPosted);
    const bond = await f.verifier.gameBond(f.taskId);
    await open(f);
    await time.increase(RESPONSE_WINDOW);
    const claimBond = (await f.verifier.claims(f.taskId)).bond;
    await f.verifier.timeoutGame(f.taskId, f.challenger);
    const share = (claimBond * CHALLENGER_SHARE_BPS) / 10_000n;
    expect(await f.verifier.credits(f.token, f.challenger.address)).to.equal(share + bond);
    expect(await f.verifier.credits(ethers.ZeroAddress, f.challenger.address)).to.equal(0n);
  });

  it("credits a silent challenger's bond to the evaluator in the token", async function () {
    const f = await loadFixture(tokenTaskPosted);
    const bond = await f.verifier.gameBond(f.taskId);
    await open(f);
    const layers = trace(scenario.models[1], scenario.samples[2].input);
    await f.verifier.connect(f.evaluator).answerGame(f.taskId, f.challenger, f.trees[1].header, f.trees[1].rowsRoot, encodeTrace(layers));
    await time.increase(RESPONSE_WINDOW);
    await f.verifier.timeoutGame(f.taskId, f.challenger);
    expect(await f.verifier.credits(f.token, f.evaluator.address)).to.equal(bond);
    expect(await f.verifier.credits(ethers.ZeroAddress, f.evaluator.address)).to.equal(0n);
  });
});
