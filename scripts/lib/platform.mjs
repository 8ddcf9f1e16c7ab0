// Deploys the whole platform with an ethers signer and wires it so the DAO (the timelock) controls
// everything it should. Used by scripts/deploy.mjs (any network); the C# deployment (src/DaoPlatform.Platform) mirrors it.
import { getCreateAddress, keccak256, parseEther, toUtf8Bytes } from "ethers";
import { wireTimelock } from "./governance.mjs";

const DAY = 24 * 3600;

/** Deployment parameters; every one can be overridden from the environment. */
export function parametersFromEnv(env = process.env) {
  return {
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
    vaultThreshold: env.DAO_VAULT_THRESHOLD === undefined ? undefined : BigInt(env.DAO_VAULT_THRESHOLD), // default: 1
    revenueToken: env.DAO_REVENUE_TOKEN, // default: the DAO token
    revenueReleaseDuration: BigInt(env.DAO_REVENUE_RELEASE_DURATION ?? 30 * DAY),
    challengeWindow: BigInt(env.DAO_CHALLENGE_WINDOW ?? DAY),
    minEvaluatorBond: BigInt(env.DAO_MIN_EVALUATOR_BOND ?? parseEther("0.1")),
    challengerShareBps: BigInt(env.DAO_CHALLENGER_SHARE_BPS ?? 5000),
  };
}

/**
 * Deploys DaoToken, DaoTimelock (the treasury), DaoGovernor, MultisigVault, AssetRegistry, AccessPasses, StreamVault,
 * RevenueSplitter, TrainingTasks and OptimisticVerifier from `deployer`. The governor is the timelock's
 * only proposer and canceller, anyone may execute, and the deployer renounces its temporary admin role
 * last; the splitter's controller and the verifier's owner and treasury are the timelock. The wiring is
 * read back from the chain before returning. Returns { contracts, record } where record is what
 * deployments/<network>.json holds.
 */
export async function deployPlatform({ ethers, artifacts, networkName, deployer, params, log = console.log }) {
  const { chainId } = await ethers.provider.getNetwork();
  if (!(await isLocalNetwork(ethers.provider, networkName))) {
    const missing = defaultedKeySettings(params);
    if (missing.length > 0) {
      throw new Error(
        `Refusing to deploy to ${networkName} (chain id ${chainId}) with single-key defaults: set ${missing.join(", ")} ` +
          "explicitly (the defaults give the deployer every vote and sole control of the vault; they are meant for the devnet).",
      );
    }
  }
  params = { ...params, tokenRecipient: params.tokenRecipient ?? deployer.address };
  params.vaultOwners ??= [deployer.address];
  params.vaultThreshold ??= 1n;
  const deployments = {};
  const send = async (promise) => (await promise).wait();

  async function deploy(name, args) {
    const artifact = await artifacts.readArtifact(name);
    const contract = await ethers.deployContract(name, args, deployer);
    const receipt = await contract.deploymentTransaction().wait();
    deployments[name] = {
      address: await contract.getAddress(),
      blockNumber: receipt.blockNumber,
      transactionHash: receipt.hash,
      abiKeccak256: keccak256(toUtf8Bytes(JSON.stringify(artifact.abi))),
    };
    log(`${name.padEnd(20)} ${deployments[name].address} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`);
    return contract;
  }

  log(`Deploying to ${networkName} (chain id ${chainId}) from ${deployer.address}`);
  const token = await deploy("DaoToken", [params.tokenName, params.tokenSymbol, params.tokenRecipient, params.tokenSupply]);
  // The governor's address is not known yet: the deployer is a temporary admin that wires roles, then leaves.
  const timelock = await deploy("DaoTimelock", [params.timelockDelay, [], [], deployer.address]);
  const governor = await deploy("DaoGovernor", [
    token, timelock, params.votingDelay, params.votingPeriod, params.proposalThreshold, params.quorumPercent,
  ]);
  // The deployer stays admin until the end, so nothing deployed below could need it and find it gone.
  await wireTimelock(timelock, governor, deployer, { keepAdmin: true });

  const vault = await deploy("MultisigVault", [params.vaultOwners, params.vaultThreshold]);
  const streams = await deploy("StreamVault", []);
  const splitter = await deploy("RevenueSplitter", [params.revenueToken ?? token, params.revenueReleaseDuration, timelock]);
  // TrainingTasks names its verifier and its asset registry at construction: the deployer's next two contracts.
  const nonce = await deployer.getNonce();
  const verifierAddress = getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
  const registryAddress = getCreateAddress({ from: deployer.address, nonce: nonce + 2 });
  const tasks = await deploy("TrainingTasks", [verifierAddress, registryAddress]);
  const verifier = await deploy("OptimisticVerifier", [
    tasks, timelock, params.challengeWindow, params.minEvaluatorBond, params.challengerShareBps, timelock,
  ]);
  // The registry lets only a model's proven author (its trainer, per TrainingTasks.authorOf) register it.
  const registry = await deploy("AssetRegistry", [tasks]);
  // Access passes to the registry's assets; no metadata URI (clients read the terms on chain).
  const passes = await deploy("AccessPasses", [registry, ""]);

  // Last step, so nothing above can still use the deployer's admin role.
  await send(timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address));
  await checkWiring({ ethers, deployer, timelock, governor, splitter, tasks, verifier, registry });

  const blocks = Object.values(deployments).map((d) => d.blockNumber);
  const record = {
    network: networkName,
    chainId: Number(chainId),
    deployer: deployer.address,
    deploymentBlock: Math.min(...blocks),
    parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])),
    contracts: deployments,
  };
  const contracts = { token, timelock, governor, vault, registry, passes, streams, splitter, tasks, verifier };
  return { contracts, record };
}

/** Networks whose defaults may be single-key: the in-process Hardhat network and a local anvil devnet. */
const LOCAL_NETWORKS = new Set(["default", "hardhat", "devnet", "localhost"]);

/**
 * Whether `networkName` is a local development network: named as one and answered by a development node
 * (anvil or Hardhat's EDR), so a devnet name pointed at a public node still counts as public.
 */
export async function isLocalNetwork(provider, networkName) {
  if (!LOCAL_NETWORKS.has(networkName)) return false;
  const client = await provider.send("web3_clientVersion", []).catch(() => "");
  return /anvil|hardhat|edr/i.test(String(client));
}

/**
 * The environment variables a public deployment must set because their defaults concentrate control in the
 * deployer's key: every voting token (DAO_TOKEN_RECIPIENT) and a 1-of-1 vault (DAO_VAULT_OWNERS,
 * DAO_VAULT_THRESHOLD). Empty when all are given.
 */
export function defaultedKeySettings(params) {
  return [
    ["DAO_TOKEN_RECIPIENT", params.tokenRecipient],
    ["DAO_VAULT_OWNERS", params.vaultOwners],
    ["DAO_VAULT_THRESHOLD", params.vaultThreshold],
  ]
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
}

/** Reads the wiring back from the chain rather than trusting the transactions that set it. */
async function checkWiring({ ethers, deployer, timelock, governor, splitter, tasks, verifier, registry }) {
  const timelockAddress = await timelock.getAddress();
  const expectedRoles = [
    ["DEFAULT_ADMIN_ROLE", deployer.address, false],
    ["DEFAULT_ADMIN_ROLE", timelockAddress, true],
    ["PROPOSER_ROLE", await governor.getAddress(), true],
    ["CANCELLER_ROLE", await governor.getAddress(), true],
    ["EXECUTOR_ROLE", ethers.ZeroAddress, true],
  ];
  for (const [role, account, expected] of expectedRoles) {
    if ((await timelock.hasRole(await timelock[role](), account)) !== expected) {
      throw new Error(`Timelock wiring: hasRole(${role}, ${account}) should be ${expected}`);
    }
  }
  const owned = [["RevenueSplitter", splitter], ["OptimisticVerifier", verifier]];
  for (const [name, contract] of owned) {
    if ((await contract.owner()) !== timelockAddress) throw new Error(`${name} is not owned by the timelock`);
  }
  if ((await tasks.verifier()) !== (await verifier.getAddress())) {
    throw new Error("TrainingTasks names another verifier than the one deployed");
  }
  if ((await tasks.registry()) !== (await registry.getAddress())) {
    throw new Error("TrainingTasks names another asset registry than the one deployed");
  }
}
