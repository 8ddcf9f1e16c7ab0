// Deploys DaoToken + DaoTimelock + DaoGovernor wired as the platform deployment does (wireTimelock).
// Shared by the governance tests and scripts/bench/gas-governance.mjs.
import { wireTimelock } from "../../../scripts/lib/governance.mjs";

export { BALLOT_TYPES, VoteType, ballotDomain, proposalIdOf, signBallot } from "../../../scripts/lib/governance.mjs";

export const GOVERNANCE_PARAMS = {
  supply: 1_000_000n * 10n ** 18n,
  votingDelay: 24n * 3600n, // seconds: the clock is the block timestamp
  votingPeriod: 7n * 24n * 3600n,
  proposalThreshold: 1_000n * 10n ** 18n,
  quorumPercent: 4n,
  timelockDelay: 2n * 24n * 3600n,
};

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
  await wireTimelock(timelock, governor, deployer);
  return { token, timelock, governor };
}
