import { expect } from "chai";
import { network } from "hardhat";

import {
  GOVERNANCE_PARAMS as P,
  VoteType,
  deployGovernance,
  proposalIdOf,
  signBallot,
} from "../helpers/governance-fixture.mjs";
import { deployTestToken } from "../helpers/test-token.mjs";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const TOKEN = 10n ** 18n;
const ProposalState = { Pending: 0n, Active: 1n, Defeated: 3n, Succeeded: 4n, Queued: 5n, Executed: 7n };

describe("DaoGovernor with DaoToken and DaoTimelock", function () {
  async function governance() {
    const [deployer, alice, bob, carol, dave, smallHolder, relayer, recipient] = await ethers.getSigners();
    const { token, timelock, governor } = await deployGovernance(ethers, deployer);
    // Alice and Bob together pass quorum; Carol (3 %) alone does not; the small holder is below the threshold.
    const holdings = [[alice, 300_000n], [bob, 200_000n], [carol, 30_000n], [dave, 20_000n], [smallHolder, 500n]];
    for (const [holder, amount] of holdings) {
      await token.transfer(holder, amount * TOKEN);
      await token.connect(holder).delegate(holder);
    }
    await token.transfer(timelock, 400_000n * TOKEN);
    await deployer.sendTransaction({ to: timelock, value: 5n * TOKEN });
    const erc20 = await deployTestToken(ethers, 1_000n * TOKEN);
    await erc20.transfer(timelock, 1_000n * TOKEN);
    await time.increase(1); // proposal threshold reads votes at clock() - 1
    return { deployer, alice, bob, carol, dave, smallHolder, relayer, recipient, token, timelock, governor, erc20 };
  }

  /** Proposes `calls` ([target, value, calldata]) from `proposer`; returns the arguments and the id. */
  async function propose(governor, proposer, calls, description) {
    const targets = calls.map(([target]) => target);
    const values = calls.map(([, value]) => value);
    const calldatas = calls.map(([, , data]) => data);
    await governor.connect(proposer).propose(targets, values, calldatas, description);
    const id = proposalIdOf(targets, values, calldatas, description);
    return { targets, values, calldatas, descriptionHash: ethers.id(description), id };
  }

  /** Votes For with `voters`, closes the vote, queues and executes the proposal. */
  async function passAndExecute(governor, proposal, voters) {
    await time.increase(P.votingDelay + 1n);
    for (const voter of voters) await governor.connect(voter).castVote(proposal.id, VoteType.For);
    await time.increase(P.votingPeriod);
    const { targets, values, calldatas, descriptionHash } = proposal;
    await governor.queue(targets, values, calldatas, descriptionHash);
    await time.increase(P.timelockDelay);
    return governor.execute(targets, values, calldatas, descriptionHash);
  }

  it("uses the block timestamp as its clock", async function () {
    const { alice, token, governor } = await networkHelpers.loadFixture(governance);
    expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await governor.CLOCK_MODE()).to.equal("mode=timestamp");
    const now = await time.latest();
    expect(await token.clock()).to.equal(BigInt(now));
    expect(await governor.clock()).to.equal(BigInt(now));
    // Checkpoints are keyed by seconds: Alice's votes are visible one second in the past.
    expect(await token.getPastVotes(alice, now - 1)).to.equal(300_000n * TOKEN);
  });

  it("leaves the timelock administered only by itself, with the governor as sole proposer", async function () {
    const { deployer, alice, timelock, governor } = await networkHelpers.loadFixture(governance);
    const admin = await timelock.DEFAULT_ADMIN_ROLE();
    expect(await timelock.hasRole(admin, deployer)).to.equal(false);
    expect(await timelock.hasRole(admin, timelock)).to.equal(true);
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), governor)).to.equal(true);
    expect(await timelock.hasRole(await timelock.CANCELLER_ROLE(), governor)).to.equal(true);
    expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(true);
    expect(await governor.timelock()).to.equal(await timelock.getAddress());

    const proposerRole = await timelock.PROPOSER_ROLE();
    await expect(timelock.connect(alice).schedule(alice, 0n, "0x", ethers.ZeroHash, ethers.ZeroHash, P.timelockDelay))
      .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, proposerRole);
  });

  it("runs a full cycle: propose, vote (one vote by EIP-712 signature), queue, execute ETH and ERC-20 payouts", async function () {
    const { alice, bob, relayer, recipient, timelock, governor, erc20 } = await networkHelpers.loadFixture(governance);
    const payout = 400n * TOKEN;
    const proposal = await propose(
      governor,
      alice,
      [
        [recipient.address, TOKEN, "0x"],
        [await erc20.getAddress(), 0n, erc20.interface.encodeFunctionData("transfer", [recipient.address, payout])],
      ],
      "Pay the evaluation contributor",
    );
    expect(await governor.state(proposal.id)).to.equal(ProposalState.Pending);

    await time.increase(P.votingDelay + 1n);
    expect(await governor.state(proposal.id)).to.equal(ProposalState.Active);
    await expect(governor.connect(alice).castVote(proposal.id, VoteType.For))
      .to.emit(governor, "VoteCast")
      .withArgs(alice.address, proposal.id, VoteType.For, 300_000n * TOKEN, "");

    // Bob signs off-chain; a relayer pays the gas.
    const signature = await signBallot(ethers, governor, bob, proposal.id, VoteType.For);
    await expect(governor.connect(relayer).castVoteBySig(proposal.id, VoteType.For, bob.address, signature))
      .to.emit(governor, "VoteCast")
      .withArgs(bob.address, proposal.id, VoteType.For, 200_000n * TOKEN, "");
    expect(await governor.hasVoted(proposal.id, bob)).to.equal(true);
    expect(await governor.nonces(bob)).to.equal(1n);

    await time.increase(P.votingPeriod);
    expect(await governor.state(proposal.id)).to.equal(ProposalState.Succeeded);
    const { targets, values, calldatas, descriptionHash } = proposal;
    await expect(governor.queue(targets, values, calldatas, descriptionHash)).to.emit(governor, "ProposalQueued");
    expect(await governor.state(proposal.id)).to.equal(ProposalState.Queued);

    await expect(governor.execute(targets, values, calldatas, descriptionHash)).to.be.revertedWithCustomError(
      timelock,
      "TimelockUnexpectedOperationState",
    );
    await time.increase(P.timelockDelay);
    const execution = governor.execute(targets, values, calldatas, descriptionHash);
    await expect(execution).to.changeEtherBalances(ethers, [timelock, recipient], [-TOKEN, TOKEN]);
    await expect(execution).to.changeTokenBalances(ethers, erc20, [timelock, recipient], [-payout, payout]);
    expect(await governor.state(proposal.id)).to.equal(ProposalState.Executed);
  });

  it("rejects a vote signature made by someone other than the voter", async function () {
    const { alice, bob, carol, relayer, governor } = await networkHelpers.loadFixture(governance);
    const proposal = await propose(governor, alice, [[alice.address, 0n, "0x"]], "noop");
    await time.increase(P.votingDelay + 1n);
    const signedByCarol = await signBallot(ethers, governor, carol, proposal.id, VoteType.For);
    await expect(governor.connect(relayer).castVoteBySig(proposal.id, VoteType.For, bob.address, signedByCarol))
      .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
      .withArgs(bob.address);
  });

  it("changes settings only through an executed proposal", async function () {
    const { alice, bob, governor } = await networkHelpers.loadFixture(governance);
    const direct = [
      governor.connect(alice).setVotingDelay(1n),
      governor.connect(alice).setVotingPeriod(1n),
      governor.connect(alice).setProposalThreshold(0n),
      governor.connect(alice).updateQuorumNumerator(1n),
    ];
    for (const call of direct) {
      await expect(call).to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor").withArgs(alice.address);
    }

    const governorAddress = await governor.getAddress();
    const newPeriod = 3n * 24n * 3600n;
    const proposal = await propose(
      governor,
      alice,
      [
        [governorAddress, 0n, governor.interface.encodeFunctionData("setVotingPeriod", [newPeriod])],
        [governorAddress, 0n, governor.interface.encodeFunctionData("updateQuorumNumerator", [10n])],
      ],
      "Shorter votes, higher quorum",
    );
    const execution = passAndExecute(governor, proposal, [alice, bob]);
    await expect(execution).to.emit(governor, "VotingPeriodSet").withArgs(P.votingPeriod, newPeriod);
    await expect(execution).to.emit(governor, "QuorumNumeratorUpdated").withArgs(P.quorumPercent, 10n);
    expect(await governor.votingPeriod()).to.equal(newPeriod);
    expect(await governor.quorumNumerator()).to.equal(10n);
  });

  it("requires a quorum of 4 % of the supply, counting For and Abstain votes", async function () {
    const { alice, carol, dave, governor } = await networkHelpers.loadFixture(governance);
    const now = BigInt(await time.latest());
    expect(await governor.quorum(now - 1n)).to.equal((P.supply * P.quorumPercent) / 100n);

    const alone = await propose(governor, alice, [[alice.address, 0n, "0x"]], "Carol alone");
    const withAbstain = await propose(governor, alice, [[alice.address, 0n, "0x"]], "Carol and Dave");
    await time.increase(P.votingDelay + 1n);
    await governor.connect(carol).castVote(alone.id, VoteType.For); // 30,000 < 40,000
    await governor.connect(carol).castVote(withAbstain.id, VoteType.For);
    await governor.connect(dave).castVote(withAbstain.id, VoteType.Abstain); // 30,000 + 20,000 >= 40,000
    await time.increase(P.votingPeriod);

    expect(await governor.state(alone.id)).to.equal(ProposalState.Defeated);
    expect(await governor.state(withAbstain.id)).to.equal(ProposalState.Succeeded);
    const [against, forVotes, abstain] = await governor.proposalVotes(withAbstain.id);
    expect([against, forVotes, abstain]).to.deep.equal([0n, 30_000n * TOKEN, 20_000n * TOKEN]);
  });

  it("rejects proposals from holders below the proposal threshold", async function () {
    const { smallHolder, governor } = await networkHelpers.loadFixture(governance);
    await expect(governor.connect(smallHolder).propose([smallHolder.address], [0n], ["0x"], "too small"))
      .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
      .withArgs(smallHolder.address, 500n * TOKEN, P.proposalThreshold);
  });
});
