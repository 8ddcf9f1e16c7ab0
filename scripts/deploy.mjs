// Deploys the DaoPlatform contracts and writes deployments/<network>.json.
//
//   DEVNET_RPC_URL=http://127.0.0.1:8545 npx hardhat run scripts/deploy.mjs --network devnet
//   DAO_RPC_URL=... DAO_PRIVATE_KEY=0x... npx hardhat run scripts/deploy.mjs --network op
//
// Always deployed: DaoToken, DaoTimelock (treasury), DaoGovernor, MultisigVault. The contracts of the other
// modules are deployed only if their artifact exists. Whatever the DAO controls ends up owned (Ownable) or
// administered (AccessControl) by the timelock; the deployer keeps no role anywhere.
import { mkdir, writeFile } from "node:fs/promises";
import hre, { network } from "hardhat";

const env = process.env;
const DAY = 24 * 3600;

// Core parameters; every one can be overridden from the environment.
const PARAMS = {
  tokenName: env.DAO_TOKEN_NAME ?? "DAO Platform Token",
  tokenSymbol: env.DAO_TOKEN_SYMBOL ?? "DAOP",
  tokenSupply: BigInt(env.DAO_TOKEN_SUPPLY ?? 10n ** 6n * 10n ** 18n),
  tokenRecipient: env.DAO_TOKEN_RECIPIENT, // default: the deployer, who distributes the supply
  timelockDelay: BigInt(env.DAO_TIMELOCK_DELAY ?? 2 * DAY),
  votingDelay: BigInt(env.DAO_VOTING_DELAY ?? DAY), // seconds: the votes clock is the block timestamp
  votingPeriod: BigInt(env.DAO_VOTING_PERIOD ?? 7 * DAY),
  proposalThreshold: BigInt(env.DAO_PROPOSAL_THRESHOLD ?? 1_000n * 10n ** 18n),
  quorumPercent: BigInt(env.DAO_QUORUM_PERCENT ?? 4),
  vaultOwners: env.DAO_VAULT_OWNERS?.split(","), // default: the deployer alone
  vaultThreshold: BigInt(env.DAO_VAULT_THRESHOLD ?? 1),
};

// Optional contracts of the other modules: constructor arguments from what is deployed so far
// ({ deployer, token, timelock, governor, vault, ...earlier optional contracts by name }).
const OPTIONAL_CONTRACTS = [
  { name: "AssetRegistry", args: ({ timelock }) => [timelock] },
  { name: "StreamVault", args: ({ token, timelock }) => [token, timelock] },
  { name: "RevenueSplitter", args: ({ token, timelock }) => [token, timelock] },
  { name: "TrainingTasks", args: ({ token, timelock }) => [token, timelock] },
  { name: "OptimisticVerifier", args: ({ token, timelock }) => [token, timelock] },
];

const connection = await network.getOrCreate();
const { ethers } = connection;
const [deployer] = await ethers.getSigners();
const { chainId } = await ethers.provider.getNetwork();
const deployments = {};
PARAMS.tokenRecipient ??= deployer.address;
PARAMS.vaultOwners ??= [deployer.address];

async function deploy(name, args) {
  const artifact = await hre.artifacts.readArtifact(name);
  const contract = await ethers.deployContract(name, args, deployer);
  const receipt = await contract.deploymentTransaction().wait();
  deployments[name] = {
    address: await contract.getAddress(),
    blockNumber: receipt.blockNumber,
    transactionHash: receipt.hash,
    abiKeccak256: ethers.keccak256(ethers.toUtf8Bytes(JSON.stringify(artifact.abi))),
  };
  console.log(`${name.padEnd(20)} ${deployments[name].address} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`);
  return contract;
}

const send = async (promise) => (await promise).wait();

/** Hands a deployer-controlled contract to the timelock: Ownable owner or AccessControl admin. */
async function handOverToTimelock(name, contract, timelock) {
  const has = (fn) => contract.interface.getFunction(fn) !== null;
  if (has("owner") && has("transferOwnership") && (await contract.owner()) === deployer.address) {
    await send(contract.transferOwnership(timelock));
    // Ownable2Step: the timelock must still call acceptOwnership through a proposal.
    deployments[name].pendingOwner = has("acceptOwnership") ? await timelock.getAddress() : undefined;
  }
  if (has("DEFAULT_ADMIN_ROLE") && has("grantRole")) {
    const admin = await contract.DEFAULT_ADMIN_ROLE();
    if (await contract.hasRole(admin, deployer)) {
      await send(contract.grantRole(admin, timelock));
      await send(contract.renounceRole(admin, deployer));
    }
  }
}

console.log(`Deploying to ${connection.networkName} (chain id ${chainId}) from ${deployer.address}`);

const token = await deploy("DaoToken", [
  PARAMS.tokenName,
  PARAMS.tokenSymbol,
  PARAMS.tokenRecipient,
  PARAMS.tokenSupply,
]);
// The governor's address is not known yet: the deployer is a temporary admin that wires roles, then leaves.
const timelock = await deploy("DaoTimelock", [PARAMS.timelockDelay, [], [], deployer.address]);
const governor = await deploy("DaoGovernor", [
  token,
  timelock,
  PARAMS.votingDelay,
  PARAMS.votingPeriod,
  PARAMS.proposalThreshold,
  PARAMS.quorumPercent,
]);
await send(timelock.grantRole(await timelock.PROPOSER_ROLE(), governor));
await send(timelock.grantRole(await timelock.CANCELLER_ROLE(), governor));
await send(timelock.grantRole(await timelock.EXECUTOR_ROLE(), ethers.ZeroAddress));

const vault = await deploy("MultisigVault", [PARAMS.vaultOwners, PARAMS.vaultThreshold]);

const deployed = { deployer: deployer.address, token, timelock, governor, vault };
for (const { name, args } of OPTIONAL_CONTRACTS) {
  if (!(await hre.artifacts.artifactExists(name))) {
    console.log(`${name.padEnd(20)} skipped (no artifact)`);
    continue;
  }
  const contract = await deploy(name, args(deployed));
  await handOverToTimelock(name, contract, timelock);
  deployed[name] = contract;
}

// Last step, so nothing above can still use the deployer's admin role.
await send(timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address));

// Read the wiring back from the chain rather than trusting the transactions above.
const expectedRoles = [
  ["DEFAULT_ADMIN_ROLE", deployer.address, false],
  ["DEFAULT_ADMIN_ROLE", await timelock.getAddress(), true],
  ["PROPOSER_ROLE", await governor.getAddress(), true],
  ["CANCELLER_ROLE", await governor.getAddress(), true],
  ["EXECUTOR_ROLE", ethers.ZeroAddress, true],
];
for (const [role, account, expected] of expectedRoles) {
  if ((await timelock.hasRole(await timelock[role](), account)) !== expected) {
    throw new Error(`Timelock wiring: hasRole(${role}, ${account}) should be ${expected}`);
  }
}

const blocks = Object.values(deployments).map((d) => d.blockNumber);
const record = {
  network: connection.networkName,
  chainId: Number(chainId),
  deployer: deployer.address,
  deploymentBlock: Math.min(...blocks),
  parameters: Object.fromEntries(Object.entries(PARAMS).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])),
  contracts: deployments,
};
await mkdir("deployments", { recursive: true });
const file = `deployments/${connection.networkName}.json`;
await writeFile(file, JSON.stringify(record, null, 2) + "\n");
console.log(`Wrote ${file}`);
