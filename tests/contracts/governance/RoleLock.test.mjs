// Issue 20, fault 6: one proposal could grant the proposer (or executor) role to another address and then revoke
// the governor's, leaving the DAO without control. Once wired, the timelock's roles are fixed: no proposal, and no
// call relayed through the governor, can grant, revoke or renounce any of them.
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress } from "ethers";
import { VoteType, deployGovernance, proposalIdOf } from "../helpers/governance-fixture.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const TOKEN = 10n ** 18n;

describe("DaoTimelock roles are fixed after wiring (issue 20, fault 6)", function () {
  this.timeout(120_000);

  async function governance() {
    const [deployer, alice, bob, mallory] = await ethers.getSigners();
    const contracts = await deployGovernance(ethers, deployer);
    for (const [holder, amount] of [[alice, 300_000n], [bob, 200_000n]]) {
      await contracts.token.transfer(holder, amount * TOKEN);
      await contracts.token.connect(holder).delegate(holder);
    }
    await time.increase(1);
    return { ...contracts, deployer, alice, bob, mallory };
  }

  /** Proposes `calls` ([target, calldata]), votes it through, queues it and executes it (the returned promise). */
  async function pass({ governor, timelock, alice, bob }, calls, description) {
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
    await time.increase((await timelock.getMinDelay()) + 1n);
    return governor.execute(targets, values, calldatas, ethers.id(description));
  }

  async function roles(timelock) {
    return {
      admin: await timelock.DEFAULT_ADMIN_ROLE(),
      proposer: await timelock.PROPOSER_ROLE(),
      canceller: await timelock.CANCELLER_ROLE(),
      executor: await timelock.EXECUTOR_ROLE(),
    };
  }

  async function expectGovernorInControl(g) {
    const r = await roles(g.timelock);
    expect(await g.timelock.hasRole(r.proposer, g.governor)).to.equal(true);
    expect(await g.timelock.hasRole(r.canceller, g.governor)).to.equal(true);
    expect(await g.timelock.hasRole(r.executor, ZeroAddress)).to.equal(true);
    expect(await g.timelock.hasRole(r.admin, g.timelock)).to.equal(true);
    for (const role of Object.values(r)) expect(await g.timelock.hasRole(role, g.mallory)).to.equal(false);
  }

  it("the reported attack: grant the proposer role to another address, then revoke the governor's, fails whole", async function () {
    const g = await loadFixture(governance);
    const { proposer } = await roles(g.timelock);
    const grant = g.timelock.interface.encodeFunctionData("grantRole", [proposer, g.mallory.address]);
    const revoke = g.timelock.interface.encodeFunctionData("revokeRole", [proposer, g.governor.target]);
    await expect(pass(g, [[g.timelock.target, grant], [g.timelock.target, revoke]], "Hand the DAO to mallory"))
      .to.be.revertedWithCustomError(g.timelock, "RoleChangeAfterWiring")
      .withArgs(proposer, g.mallory.address, g.timelock.target);
    await expectGovernorInControl(g);
  });

  it("the whole kind: no proposal grants, revokes or renounces any role, for anyone", async function () {
    const g = await loadFixture(governance);
    const r = await roles(g.timelock);
    const moves = [];
    for (const role of Object.values(r)) {
      moves.push(["grantRole", [role, g.mallory.address]]);
      for (const holder of [g.governor.target, g.timelock.target, ZeroAddress]) {
        if (await g.timelock.hasRole(role, holder)) {
          moves.push(["revokeRole", [role, holder]]);
          if (holder === g.timelock.target) moves.push(["renounceRole", [role, holder]]);
        }
      }
    }
    expect(moves.length).to.equal(9);
    for (const [i, [fn, args]] of moves.entries()) {
      const data = g.timelock.interface.encodeFunctionData(fn, args);
      await expect(pass(g, [[g.timelock.target, data]], `Role move ${i}: ${fn}`)).to.be.revertedWithCustomError(
        g.timelock,
        "RoleChangeAfterWiring",
      );
    }
    await expectGovernorInControl(g);
  });

  it("a call relayed through the governor cannot renounce the governor's roles either", async function () {
    const g = await loadFixture(governance);
    const { proposer } = await roles(g.timelock);
    const renounce = g.timelock.interface.encodeFunctionData("renounceRole", [proposer, g.governor.target]);
    const relay = g.governor.interface.encodeFunctionData("relay", [g.timelock.target, 0n, renounce]);
    await expect(pass(g, [[g.governor.target, relay]], "Governor renounces"))
      .to.be.revertedWithCustomError(g.timelock, "RoleChangeAfterWiring")
      .withArgs(proposer, g.governor.target, g.governor.target);
    await expectGovernorInControl(g);
  });

  it("the former wiring admin cannot come back, and governance keeps working", async function () {
    const g = await loadFixture(governance);
    const { admin, proposer } = await roles(g.timelock);
    expect(await g.timelock.hasRole(admin, g.deployer)).to.equal(false);
    await expect(g.timelock.connect(g.deployer).grantRole(proposer, g.deployer.address))
      .to.be.revertedWithCustomError(g.timelock, "AccessControlUnauthorizedAccount")
      .withArgs(g.deployer.address, admin);
    const call = g.timelock.interface.encodeFunctionData("updateDelay", [3n * 86_400n]);
    await expect(pass(g, [[g.timelock.target, call]], "Still governed")).to.emit(g.timelock, "MinDelayChange");
  });
});
