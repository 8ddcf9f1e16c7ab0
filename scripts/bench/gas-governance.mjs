// Gas of the governance user-facing calls next to OpenZeppelin Governor 5.7's figures.
// Run against the local OP-mode devnet (anvil):
//   npx anvil --chain-id 10 --optimism --port 8545 --host 127.0.0.1 &
//   DEVNET_RPC_URL=http://127.0.0.1:8545 npx hardhat run scripts/bench/gas-governance.mjs --network devnet
import { network } from "hardhat";

import { advanceTime, gasOf, printGasTable } from "../../tests/contracts/helpers/gas-report.mjs";
import {
  GOVERNANCE_PARAMS as P,
  VoteType,
  deployGovernance,
  proposalIdOf,
  signBallot,
} from "../../tests/contracts/helpers/governance-fixture.mjs";

const OZ = { delegate: 95_486, propose: 67_929, castVoteFirst: 82_971, castVote: 65_871, castVoteBySig: 97_470, queue: 145_881, execute: 94_360 };

const { ethers } = await network.getOrCreate();
const [deployer, alice, bob, carol, relayer, recipient] = await ethers.getSigners();
const { token, timelock, governor } = await deployGovernance(ethers, deployer);

for (const holder of [alice, bob, carol]) await (await token.transfer(holder, 100_000n * 10n ** 18n)).wait();
await (await deployer.sendTransaction({ to: timelock, value: 10n ** 18n })).wait();
const delegate = await gasOf(() => token.connect(alice).delegate(alice));
await (await token.connect(bob).delegate(bob)).wait();
await (await token.connect(carol).delegate(carol)).wait();
await advanceTime(ethers.provider, 1);

// One call: pay 0.1 ETH from the treasury.
const targets = [recipient.address];
const values = [10n ** 17n];
const calldatas = ["0x"];
const description = "Pay 0.1 ETH to the contributor";
const descriptionHash = ethers.id(description);
const proposalId = proposalIdOf(targets, values, calldatas, description);

const propose = await gasOf(() => governor.connect(alice).propose(targets, values, calldatas, description));
await advanceTime(ethers.provider, P.votingDelay + 1n);
const castVoteFirst = await gasOf(() => governor.connect(alice).castVote(proposalId, VoteType.For));
const castVote = await gasOf(() => governor.connect(bob).castVote(proposalId, VoteType.For));
const ballot = await signBallot(ethers, governor, carol, proposalId, VoteType.For);
const castVoteBySig = await gasOf(() => governor.connect(relayer).castVoteBySig(proposalId, VoteType.For, carol.address, ballot));
await advanceTime(ethers.provider, P.votingPeriod);
const queue = await gasOf(() => governor.queue(targets, values, calldatas, descriptionHash));
await advanceTime(ethers.provider, P.timelockDelay);
const execute = await gasOf(() => governor.execute(targets, values, calldatas, descriptionHash));

// OpenZeppelin skips the proposer's votes lookup when the proposal threshold is 0: measure that setup too.
const open = await deployGovernance(ethers, deployer, { ...P, proposalThreshold: 0n });
const proposeOpen = await gasOf(() => open.governor.connect(alice).propose(targets, values, calldatas, description));

const { chainId } = await ethers.provider.getNetwork();
printGasTable(`DaoGovernor + DaoToken vs OpenZeppelin Governor 5.7 (chain id ${chainId})`, "OZ Governor 5.7", [
  { operation: "delegate (self, first)", ours: delegate, peer: OZ.delegate },
  { operation: "propose (1 call), proposal threshold 1,000 DAO", ours: propose, peer: OZ.propose, note: "threshold > 0 adds the proposer's votes lookup" },
  { operation: "propose (1 call), proposal threshold 0", ours: proposeOpen, peer: OZ.propose },
  { operation: "castVote, first vote on the proposal", ours: castVoteFirst, peer: OZ.castVoteFirst },
  { operation: "castVote", ours: castVote, peer: OZ.castVote },
  { operation: "castVoteBySig (relayed, 65-byte ECDSA)", ours: castVoteBySig, peer: OZ.castVoteBySig },
  { operation: "queue (TimelockControl)", ours: queue, peer: OZ.queue },
  { operation: "execute (0.1 ETH transfer)", ours: execute, peer: OZ.execute },
]);
