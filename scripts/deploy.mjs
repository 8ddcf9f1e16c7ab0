// Deploys the DaoPlatform contracts and writes deployments/<network>.json.
//
//   DEVNET_RPC_URL=http://127.0.0.1:8545 npx hardhat run scripts/deploy.mjs --network devnet
//   DAO_RPC_URL=... DAO_PRIVATE_KEY=0x... npx hardhat run scripts/deploy.mjs --network op
//
// Parameters come from the environment (scripts/lib/platform.mjs lists them with their defaults). Outside a
// local devnet, DAO_TOKEN_RECIPIENT, DAO_VAULT_OWNERS and DAO_VAULT_THRESHOLD must be set: their defaults
// give the deployer every vote and a 1-of-1 vault, and the deployment refuses them. The C# deployer
// (src/DaoPlatform.Platform/Deployment/PlatformDeployer.cs) wires the same platform: DeployerParityTests compares them.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import hre, { network } from "hardhat";
import { deployPlatform, parametersFromEnv } from "./lib/platform.mjs";

const connection = await network.getOrCreate();
const [deployer] = await connection.ethers.getSigners();
const { record } = await deployPlatform({
  ethers: connection.ethers,
  artifacts: hre.artifacts,
  networkName: connection.networkName,
  deployer,
  params: parametersFromEnv(),
});
// DAO_DEPLOYMENT_FILE writes the record elsewhere (a test that must not replace deployments/devnet.json).
const file = process.env.DAO_DEPLOYMENT_FILE ?? `deployments/${connection.networkName}.json`;
await mkdir(dirname(file), { recursive: true });
await writeFile(file, JSON.stringify(record, null, 2) + "\n");
console.log(`Wrote ${file}`);
