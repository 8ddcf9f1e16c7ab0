// Gas benchmark for StreamVault, RevenueSplitter and AssetRegistry.
// Runs against a live node (anvil) through the `devnet` network and reads gasUsed from receipts:
//   npx anvil --chain-id 10 --optimism --port 8555 --host 127.0.0.1 &
//   DEVNET_RPC_URL=http://127.0.0.1:8555 npx hardhat run scripts/bench/gas-streaming.mjs --network devnet
// Every measured call runs in steady state: token approval already given, payer and vault token
// balances already non-zero, so the figures compare with LlamaPay's published 74,104 for create.
import { network } from "hardhat";

const { ethers, provider } = await network.create();
const [deployer, payer, recipient, other, payeeA, payeeB] = await ethers.getSigners();

const DAY = 24 * 60 * 60;
const RATE_SCALE = 10n ** 18n;
const rows = [];

async function measure(label, txPromise, note = "") {
  const receipt = await (await txPromise).wait();
  rows.push({ label, gas: receipt.gasUsed, note });
  return receipt;
}

async function advance(seconds) {
  await provider.request({ method: "evm_increaseTime", params: [seconds] });
  await provider.request({ method: "evm_mine", params: [] });
}

async function deploy(name, ...args) {
  const contract = await ethers.deployContract(name, args, deployer);
  await contract.waitForDeployment();
  return contract;
}

function keyFromReceipt(vault, receipt) {
  const log = receipt.logs.map((l) => vault.interface.parseLog(l)).find((l) => l?.name === "StreamCreated");
  const { token, payer: from, recipient: to, ratePerSecond, startTime } = log.args;
  return { token, payer: from, recipient: to, ratePerSecond, startTime };
}

const token = await deploy("TestToken");
const unit = 10n ** 18n;
await (await token.mint(payer.address, 1_000_000n * unit)).wait();

// --- StreamVault ---------------------------------------------------------------------------
const vault = await deploy("StreamVault");
// A finite approval, as a careful payer gives it: the allowance slot is rewritten on every pull.
await (await token.connect(payer).approve(await vault.getAddress(), 100_000n * unit)).wait();
const rate = (1_000n * unit * RATE_SCALE) / BigInt(30 * DAY); // 1,000 tokens over 30 days

const createStream = (to) => vault.connect(payer).create(token, to, rate, 30 * DAY);
// The first stream of a token makes the vault's token balance non-zero; measure it apart.
const firstReceipt = await measure("StreamVault.create (vault's first stream of this token)", createStream(other.address));
const receipt = await measure("StreamVault.create", createStream(recipient.address), "steady state, finite allowance");
const key = keyFromReceipt(vault, receipt);
const otherKey = keyFromReceipt(vault, firstReceipt);

await measure("StreamVault.topUp (+30 days)", vault.connect(payer).topUp(key, 30 * DAY));
await advance(DAY);
await measure("StreamVault.withdraw (mid-stream)", vault.connect(other).withdraw(key), "third-party caller; recipient's first token receipt");
await advance(DAY);
await measure("StreamVault.cancel", vault.connect(payer).cancel(key), "refund to payer");
await measure("StreamVault.withdraw (after cancel, deletes stream)", vault.withdraw(key));
await advance(30 * DAY);
await measure("StreamVault.withdraw (whole ended stream, deletes it)", vault.withdraw(otherKey));

// --- RevenueSplitter -----------------------------------------------------------------------
const splitter = await deploy("RevenueSplitter", await token.getAddress(), 30 * DAY, deployer.address);
await (await token.connect(payer).approve(await splitter.getAddress(), 100_000n * unit)).wait();
await measure("RevenueSplitter.setShares (new payee)", splitter.setShares(payeeA.address, 1), "controller");
await (await splitter.setShares(payeeB.address, 3)).wait();
await measure("RevenueSplitter.deposit (first)", splitter.connect(payer).deposit(1_000n * unit));
await advance(DAY);
await measure("RevenueSplitter.deposit (second)", splitter.connect(payer).deposit(1_000n * unit), "accumulator goes non-zero");
await advance(DAY);
await measure("RevenueSplitter.deposit", splitter.connect(payer).deposit(1_000n * unit), "steady state, opens a new release bucket");
await advance(DAY);
await measure("RevenueSplitter.release (payee's first)", splitter.connect(other).release(payeeA.address), "third-party caller; payee's first token receipt");
await advance(DAY);
await measure("RevenueSplitter.release", splitter.connect(other).release(payeeA.address), "steady state");
await measure("RevenueSplitter.setShares (change, settles payee)", splitter.setShares(payeeB.address, 2), "controller");

// --- AssetRegistry -------------------------------------------------------------------------
// The recipient stands for the trainer who revealed the model in a task (TrainingTasks.authorOf).
const authors = await deploy("StandInAuthors", recipient.address);
const registry = await deploy("AssetRegistry", await authors.getAddress());
await (await token.connect(payer).approve(await registry.getAddress(), 100_000n * unit)).wait();
const cid = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
const metadataURI = "ipfs://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4/model.json";
await measure(
  "AssetRegistry.register (by the model's author)",
  registry.connect(recipient).register(0, ethers.id("model weights v1"), cid, metadataURI),
  "59-char CID, 79-char URI",
);
// Content no task has seen: commit, then register in a later block.
const unseen = await deploy("AssetRegistry", ethers.ZeroAddress);
const salt = ethers.id("bench salt");
const commitment = await unseen.registrationCommitment(ethers.id("dataset v1"), other.address, salt, other.address);
await measure("AssetRegistry.commitRegistration", unseen.connect(other).commitRegistration(commitment));
await measure(
  "AssetRegistry.registerCommitted",
  unseen.connect(other).registerCommitted(1, ethers.id("dataset v1"), cid, metadataURI, other.address, salt),
  "59-char CID, 79-char URI",
);
await measure("AssetRegistry.updateMetadataURI", registry.connect(recipient).updateMetadataURI(1, metadataURI.replace("model", "card")), "same length");
await measure("AssetRegistry.payRevenue (ERC-20, owner's first)", registry.connect(payer).payRevenue(1, token, 10n * unit));
await measure("AssetRegistry.payRevenue (ERC-20)", registry.connect(payer).payRevenue(1, token, 10n * unit), "steady state");
await measure("AssetRegistry.payRevenueETH", registry.connect(payer).payRevenueETH(1, { value: 10n ** 15n }));
await measure("AssetRegistry.withdrawRevenue (ERC-20)", registry.connect(recipient).withdrawRevenue(token, recipient.address));
await measure("AssetRegistry.withdrawRevenueETH", registry.connect(recipient).withdrawRevenueETH(recipient.address));

// --- output ----------------------------------------------------------------------------------
const fmt = (n) => Number(n).toLocaleString("en-US");
console.log("| Operation | Gas used | Note |");
console.log("|---|---:|---|");
for (const { label, gas, note } of rows) console.log(`| ${label} | ${fmt(gas)} | ${note} |`);
console.log("");
const create = rows.find((r) => r.label === "StreamVault.create").gas;
console.log("| Stream create | Gas |");
console.log("|---|---:|");
console.log(`| **DaoPlatform StreamVault (measured)** | **${fmt(create)}** |`);
console.log("| LlamaPay createStream (published) | 74,104 |");
console.log("| Sablier V2 createWithDurations (published, approx.) | ~240,000 |");
console.log("| Superfluid createFlow (published, approx.) | ~280,000 |");
