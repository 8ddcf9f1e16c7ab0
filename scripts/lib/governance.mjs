// Off-chain side of DaoGovernor: timelock wiring, EIP-712 ballots for castVoteBySig, proposal ids.
// Shared by scripts/lib/platform.mjs and the governance tests.
import { AbiCoder, id, keccak256, toBigInt, ZeroAddress } from "ethers";

export const VoteType = { Against: 0, For: 1, Abstain: 2 };

export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

/**
 * Makes `governor` the timelock's only proposer and canceller, lets anyone execute, and has `admin`
 * renounce its temporary admin role unless `keepAdmin` (a deployment with more wiring still to do).
 */
export async function wireTimelock(timelock, governor, admin, { keepAdmin = false } = {}) {
  const send = async (promise) => (await promise).wait();
  await send(timelock.connect(admin).grantRole(await timelock.PROPOSER_ROLE(), governor));
  await send(timelock.connect(admin).grantRole(await timelock.CANCELLER_ROLE(), governor));
  await send(timelock.connect(admin).grantRole(await timelock.EXECUTOR_ROLE(), ZeroAddress));
  if (!keepAdmin) await send(timelock.connect(admin).renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), admin.address));
}

/** The governor's EIP-712 domain for ballots. */
export async function ballotDomain(ethers, governor) {
  const { chainId } = await ethers.provider.getNetwork();
  return { name: "DaoGovernor", version: "1", chainId, verifyingContract: await governor.getAddress() };
}

/** Signs an EIP-712 Ballot for `governor.castVoteBySig` (what a wallet does for a gasless vote). */
export async function signBallot(ethers, governor, voter, proposalId, support) {
  const nonce = await governor.nonces(voter.address);
  return voter.signTypedData(await ballotDomain(ethers, governor), BALLOT_TYPES, {
    proposalId,
    support,
    voter: voter.address,
    nonce,
  });
}

/** The id of a proposal, computed like the governor does. */
export function proposalIdOf(targets, values, calldatas, description) {
  return toBigInt(
    keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ["address[]", "uint256[]", "bytes[]", "bytes32"],
        [targets, values, calldatas, id(description)],
      ),
    ),
  );
}
