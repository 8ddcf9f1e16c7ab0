// Issue 8, item 8: the setters governance can reach are bounded, so no single proposal can brick governance
// or the treasury.
import { expect } from "chai";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { VoteType, deployGovernance, proposalIdOf } from "../helpers/governance-fixture.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const TOKEN = 10n ** 18n;
const DAY = 86_400n;

describe("Bounded governance setters (issue 8, item 8)", function () {
  this.timeout(120_000);

  async function governance() {
    const [deployer, alice, bob] = await ethers.getSigners();
    const contracts = await deployGovernance(ethers, deployer);
    for (const [holder, amount] of [[alice, 300_000n], [bob, 200_000n]]) {
      await contracts.token.transfer(holder, amount * TOKEN);
      await contracts.token.connect(holder).delegate(holder);
    }
    await time.increase(1);
    return { ...contracts, deployer, alice, bob };
  }

  /** Proposes `calls` ([target, calldata]), votes it through with alice and bob, queues and executes it. */
  async function pass({ governor, alice, bob }, calls, description) {
    const targets = calls.map(([t]) => t);
    const values = calls.map(() => 0n);
    const calldatas = calls.map(([, d]) => d);
    await governor.connect(alice).propose(targets, values, calldatas, description);
    const id = proposalIdOf(targets, values, calldatas, description);
    await time.increase((await governor.votingDelay()) + 1n);
    await governor.connect(alice).castVote(id, VoteType.For);
    await governor.connect(bob).castVote(id, VoteType.For);
    await time.increase((await governor.votingPeriod()) + 1n);
    await governor.queue(targets, values, calldatas, ethers.id(description));
    const timelock = await ethers.getContractAt("DaoTimelock", await governor.timelock());
    await time.increase((await timelock.getMinDelay()) + 1n);
    return governor.execute(targets, values, calldatas, ethers.id(description));
  }

  it("the reported scenario: updateDelay(2^48) cannot pass, and governance keeps working", async function () {
    const g = await loadFixture(governance);
    const brick = g.timelock.interface.encodeFunctionData("updateDelay", [2n ** 48n]);
    await expect(pass(g, [[g.timelock.target, brick]], "Set the delay to 2^48 seconds")).to.be.revertedWithCustomError(
      g.timelock,
      "DelayTooLong",
    );
    // The next proposal queues and executes as before.
    const fine = g.timelock.interface.encodeFunctionData("updateDelay", [3n * DAY]);
    await expect(pass(g, [[g.timelock.target, fine]], "Set the delay to 3 days"))
      .to.emit(g.timelock, "MinDelayChange")
      .withArgs(2n * DAY, 3n * DAY);
  });

  it("refuses to empty the proposer or executor role, and to replace the timelock", async function () {
    const g = await loadFixture(governance);
    const revoke = g.timelock.interface.encodeFunctionData("revokeRole", [await g.timelock.PROPOSER_ROLE(), g.governor.target]);
    await expect(pass(g, [[g.timelock.target, revoke]], "Revoke the governor")).to.be.revertedWithCustomError(
      g.timelock,
      "RoleChangeAfterWiring",
    );
    const swap = g.governor.interface.encodeFunctionData("updateTimelock", [g.alice.address]);
    await expect(pass(g, [[g.governor.target, swap]], "Swap the timelock")).to.be.revertedWithCustomError(
      g.governor,
      "TimelockChangeDisabled",
    );
  });

  it("property: after any sequence of accepted setter calls, a proposal still passes in bounded time", async function () {
    const rng = createRng(808);
    for (let round = 0; round < 4; round++) {
      const g = await loadFixture(governance);
      // The timelock's own calls, as executed proposals would make them.
      await networkHelpers.impersonateAccount(g.timelock.target);
      await networkHelpers.setBalance(g.timelock.target, 10n ** 18n);
      const asTimelock = await ethers.getSigner(g.timelock.target);
      const supply = await g.token.totalSupply();
      const huge = () => BigInt(rng.int(0, 2)) * 2n ** BigInt(rng.int(0, 60));
      const setters = [
        () => g.timelock.connect(asTimelock).updateDelay(rng.int(0, 1) ? huge() : BigInt(rng.int(0, 40)) * DAY),
        () => g.governor.connect(asTimelock).setVotingDelay(BigInt(rng.int(0, 40)) * DAY),
        () => g.governor.connect(asTimelock).setVotingPeriod(BigInt(rng.int(1, 40)) * DAY),
        () => g.governor.connect(asTimelock).setProposalThreshold((supply * BigInt(rng.int(0, 30))) / 100n),
        () => g.governor.connect(asTimelock).updateQuorumNumerator(rng.int(0, 100)),
      ];
      for (let step = 0; step < 8; step++) await setters[rng.int(0, setters.length - 1)]().catch(() => {});
      await networkHelpers.stopImpersonatingAccount(g.timelock.target);

      // Whatever was accepted, the next proposal passes within the bounds' total time.
      expect(await g.timelock.getMinDelay()).to.be.at.most(30n * DAY);
      expect(await g.governor.votingDelay()).to.be.at.most(30n * DAY);
      expect(await g.governor.votingPeriod()).to.be.at.most(30n * DAY);
      expect(await g.governor.proposalThreshold()).to.be.at.most(supply / 10n);
      expect(await g.governor.quorumNumerator()).to.be.at.most(50n);
      const start = BigInt(await time.latest());
      const call = g.timelock.interface.encodeFunctionData("updateDelay", [DAY]);
      await expect(pass(g, [[g.timelock.target, call]], `Round ${round}: reset the delay`)).to.emit(g.timelock, "MinDelayChange");
      expect(BigInt(await time.latest()) - start).to.be.at.most(90n * DAY + 10n);
    }
  });
});
