// Issue 8, item 12: deploying to a public network refuses single-key defaults (the deployer holding every
// vote and a 1-of-1 vault) unless they are configured explicitly; the devnet keeps its convenient default.
import { expect } from "chai";
import hre, { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { defaultedKeySettings, deployPlatform, isLocalNetwork, parametersFromEnv } from "../../../scripts/lib/platform.mjs";

const { ethers } = await network.create();
const quiet = () => {};

describe("Deployment defaults (issue 8, item 12)", function () {
  it("the reported scenario: a public network with default settings is refused before any transaction", async function () {
    const [deployer] = await ethers.getSigners();
    const nonce = await deployer.getNonce();
    const deploy = deployPlatform({ ethers, artifacts: hre.artifacts, networkName: "op", deployer, params: parametersFromEnv({}), log: quiet });
    await expect(deploy).to.be.rejectedWith(/DAO_TOKEN_RECIPIENT, DAO_VAULT_OWNERS, DAO_VAULT_THRESHOLD/);
    expect(await deployer.getNonce()).to.equal(nonce);
  });

  it("an explicit configuration deploys to a public network", async function () {
    const [deployer, alice, bob, carol] = await ethers.getSigners();
    const env = {
      DAO_TOKEN_RECIPIENT: alice.address,
      DAO_VAULT_OWNERS: [alice, bob, carol].map((s) => s.address).join(","),
      DAO_VAULT_THRESHOLD: "2",
    };
    const { contracts } = await deployPlatform({ ethers, artifacts: hre.artifacts, networkName: "op", deployer, params: parametersFromEnv(env), log: quiet });
    expect(await contracts.token.balanceOf(alice)).to.equal(await contracts.token.totalSupply());
    expect(await contracts.vault.threshold()).to.equal(2n);
  });

  it("the devnet keeps the single-key default", async function () {
    const [deployer] = await ethers.getSigners();
    expect(await isLocalNetwork(ethers.provider, "default")).to.equal(true);
    const { contracts } = await deployPlatform({ ethers, artifacts: hre.artifacts, networkName: "default", deployer, params: parametersFromEnv({}), log: quiet });
    expect(await contracts.token.balanceOf(deployer)).to.equal(await contracts.token.totalSupply());
  });

  it("property: refused exactly when the network is public and a key setting is defaulted", async function () {
    const rng = createRng(1212);
    const names = ["op", "mainnet", "devnet", "default", "hardhat", "sepolia"];
    const clients = ["anvil/v1.0.0", "HardhatNetwork/3.0.0/@nomicfoundation/edr", "Geth/v1.14.0", "op-geth/v1.101"];
    for (let round = 0; round < 40; round++) {
      const env = {};
      if (rng.int(0, 1)) env.DAO_TOKEN_RECIPIENT = "0x000000000000000000000000000000000000dEaD";
      if (rng.int(0, 1)) env.DAO_VAULT_OWNERS = "0x000000000000000000000000000000000000bEEF";
      if (rng.int(0, 1)) env.DAO_VAULT_THRESHOLD = "1";
      const name = names[rng.int(0, names.length - 1)];
      const client = clients[rng.int(0, clients.length - 1)];
      const provider = { send: async () => client };
      const local = await isLocalNetwork(provider, name);
      expect(local).to.equal(["devnet", "default", "hardhat"].includes(name) && /anvil|edr/i.test(client));
      const missing = defaultedKeySettings(parametersFromEnv(env));
      expect(missing.length).to.equal(3 - Object.keys(env).length);
    }
  });
});
