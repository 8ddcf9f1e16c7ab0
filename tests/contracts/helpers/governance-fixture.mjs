// Deploys DaoToken + DaoTimelock + DaoGovernor wired as in scripts/deploy.mjs: the governor is the only
// proposer and canceller, anyone may execute, and the deployer renounces the timelock admin role.
// Shared by the governance tests and scripts/bench/gas-governance.mjs.

export const GOVERNANCE_PARAMS = {
  supply: 1_000_000n * 10n ** 18n,
  votingDelay: 24n * 3600n, // seconds: the clock is the block timestamp
  votingPeriod: 7n * 24n * 3600n,
  proposalThreshold: 1_000n * 10n ** 18n,
  quorumPercent: 4n,
  timelockDelay: 2n * 24n * 3600n,
};

export const VoteType = { Against: 0, For: 1, Abstain: 2 };

/** Deploys and wires the governance contracts; the whole supply goes to `deployer`. */
export async function deployGovernance(ethers, deployer, params = GOVERNANCE_PARAMS) {
  const token = await ethers.deployContract("DaoToken", ["DAO Token", "DAO", deployer.address, params.supply], deployer);
  const timelock = await ethers.deployContract(
    "DaoTimelock",
    [params.timelockDelay, [], [], deployer.address],
    deployer,
  );
  const governor = await ethers.deployContract(
    "DaoGovernor",
    [token, timelock, params.votingDelay, params.votingPeriod, params.proposalThreshold, params.quorumPercent],
    deployer,
  );
  await (await timelock.grantRole(await timelock.PROPOSER_ROLE(), governor)).wait();
  await (await timelock.grantRole(await timelock.CANCELLER_ROLE(), governor)).wait();
  await (await timelock.grantRole(await timelock.EXECUTOR_ROLE(), ethers.ZeroAddress)).wait();
  await (await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address)).wait();
  return { token, timelock, governor };
}

export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

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
export function proposalIdOf(ethers, targets, values, calldatas, description) {
  return ethers.toBigInt(
    ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(
        ["address[]", "uint256[]", "bytes[]", "bytes32"],
        [targets, values, calldatas, ethers.id(description)],
      ),
    ),
  );
}
