// Gas of AccessPasses' calls next to Ocean Protocol's data NFT + datatoken flow, both measured in this
// run on the same chain. Ocean's contracts come from its npm package (@oceanprotocol/contracts 2.6.0,
// the bytecode Ocean compiled and published); ours from this repository's artifacts.
// Run against the local OP-mode devnet (anvil):
//   npx anvil --chain-id 10 --optimism --port 8545 --host 127.0.0.1 &
//   DEVNET_RPC_URL=http://127.0.0.1:8545 npx hardhat run scripts/bench/gas-access-passes.mjs --network devnet
// or in Hardhat's own network: npx hardhat run scripts/bench/gas-access-passes.mjs
import { createRequire } from "node:module";
import { network } from "hardhat";

import { gasOf, printGasTable } from "../../tests/contracts/helpers/gas-report.mjs";
import { rawSha256Cid } from "../../tests/contracts/registry/cid.mjs";

const require = createRequire(import.meta.url);
const oceanArtifact = (path) => require(`@oceanprotocol/contracts/artifacts/contracts/${path}`);

const { ethers } = await network.getOrCreate();
const [publisher, consumer, service, provider, collector] = await ethers.getSigners();
const { chainId } = await ethers.provider.getNetwork();

/** Deploys an Ocean artifact (abi + bytecode) from `publisher`. */
async function deployOcean(path, args) {
  const { abi, bytecode } = oceanArtifact(path);
  const contract = await new ethers.ContractFactory(abi, bytecode, publisher).deploy(...args);
  await contract.waitForDeployment();
  return contract;
}

// --- Ocean: router, templates, factory; one data NFT with its datatoken; then startOrder. ---
const oceanToken = await ethers.deployContract("TestToken");
const router = await deployOcean("pools/FactoryRouter.sol/FactoryRouter.json", [
  publisher.address, await oceanToken.getAddress(), collector.address, collector.address, [],
]);
const nftTemplate = await deployOcean("templates/ERC721Template.sol/ERC721Template.json", []);
const erc20Template = await deployOcean("templates/ERC20Template.sol/ERC20Template.json", []);
const factory = await deployOcean("ERC721Factory.sol/ERC721Factory.json", [
  await nftTemplate.getAddress(), await erc20Template.getAddress(), await router.getAddress(),
]);
await (await router.addFactory(factory)).wait();

const nftData = { name: "Dataset", symbol: "DS", templateIndex: 1, tokenURI: "https://meta.example/1", transferable: true, owner: publisher.address };
const ercData = {
  templateIndex: 1,
  strings: ["Datatoken", "DT"],
  addresses: [publisher.address, publisher.address, ethers.ZeroAddress, ethers.ZeroAddress],
  uints: [ethers.parseEther("1000000"), 0n],
  bytess: [],
};
const createTx = await factory.createNftWithErc20(nftData, ercData);
const createReceipt = await createTx.wait();
const oceanCreate = createReceipt.gasUsed;
const tokenCreated = createReceipt.logs.map((log) => { try { return factory.interface.parseLog(log); } catch { return null; } })
  .find((parsed) => parsed?.name === "TokenCreated");
const datatoken = new ethers.Contract(tokenCreated.args.newTokenAddress, oceanArtifact("templates/ERC20Template.sol/ERC20Template.json").abi, publisher);
await (await datatoken.mint(consumer.address, ethers.parseEther("10"))).wait();

/** A zero provider fee, signed by the provider as Ocean's Provider does (EIP-191 over the packed fields). */
async function providerFee() {
  const providerData = ethers.hexlify(ethers.toUtf8Bytes(JSON.stringify({ timeout: 0 })));
  const validUntil = 0n;
  const digest = ethers.solidityPackedKeccak256(
    ["bytes", "address", "address", "uint256", "uint256"],
    [providerData, provider.address, ethers.ZeroAddress, 0n, validUntil],
  );
  const { v, r, s } = ethers.Signature.from(await provider.signMessage(ethers.getBytes(digest)));
  return { providerFeeAddress: provider.address, providerFeeToken: ethers.ZeroAddress, providerFeeAmount: 0n, v, r, s, validUntil, providerData };
}
const noMarketFee = { consumeMarketFeeAddress: ethers.ZeroAddress, consumeMarketFeeToken: ethers.ZeroAddress, consumeMarketFeeAmount: 0n };
const oceanTransfer = await gasOf(() => datatoken.connect(consumer).transfer(service.address, ethers.parseEther("1")));
const oceanOrderFirst = await gasOf(async () => datatoken.connect(consumer).startOrder(consumer.address, 0, await providerFee(), noMarketFee));
const oceanOrder = await gasOf(async () => datatoken.connect(consumer).startOrder(consumer.address, 0, await providerFee(), noMarketFee));

// --- Ours: registry asset, terms, buy (ETH and ERC-20), consume. ---
const authors = await ethers.deployContract("StandInAuthors", [publisher.address]);
const registry = await ethers.deployContract("AssetRegistry", [authors]);
const bytes = Buffer.from("benchmark dataset");
const registerGas = await gasOf(() => registry.register(1, ethers.keccak256(bytes), rawSha256Cid(bytes), "https://meta.example/1"));
const passes = await ethers.deployContract("AccessPasses", [registry, "https://passes.example/{id}.json"]);
const paymentToken = await ethers.deployContract("TestToken");
await (await paymentToken.mint(consumer.address, 10n ** 24n)).wait();
await (await paymentToken.connect(consumer).approve(passes, ethers.MaxUint256)).wait();
const price = 10n ** 16n;
const offerGas = await gasOf(() => passes.offer(1n, ethers.ZeroAddress, price, 30n * 86_400n, 0n));
await (await passes.offer(1n, paymentToken, 10n ** 18n, 0n, 5n)).wait();
await (await passes.setConsumer(1n, service.address, true)).wait();
const buyEthFirst = await gasOf(() => passes.connect(consumer).buy(1n, 1n, consumer.address, { value: price }));
const buyEth = await gasOf(() => passes.connect(consumer).buy(1n, 1n, consumer.address, { value: price }));
const buyErc20 = await gasOf(() => passes.connect(consumer).buy(2n, 1n, consumer.address));
const openDuration = await gasOf(() => passes.connect(service).consume(consumer.address, 1n));
const use = await gasOf(() => passes.connect(service).consume(consumer.address, 2n));
const transferPass = await gasOf(() => passes.connect(consumer).safeTransferFrom(consumer.address, service.address, 2n, 1n, "0x"));

printGasTable(`AccessPasses vs Ocean Protocol (@oceanprotocol/contracts 2.6.0), chain id ${chainId}`, "Ocean 2.6.0", [
  { operation: "publish: register the asset + offer terms / createNftWithErc20", ours: registerGas + offerGas, peer: Number(oceanCreate), note: "ours: AssetRegistry.register + AccessPasses.offer; Ocean: data NFT + datatoken clones" },
  { operation: "buy one pass in ETH (first purchase) / datatoken transfer", ours: buyEthFirst, peer: Number(oceanTransfer), note: "ours mints and pays the asset's revenue in the registry; Ocean: a plain datatoken transfer, no payment (its FixedRateExchange adds a swap)" },
  { operation: "buy one pass, ETH (later purchase)", ours: buyEth, note: "balances and revenue already non-zero" },
  { operation: "buy one 5-use pass, ERC-20", ours: buyErc20, note: "pull + pay into the registry + mint" },
  { operation: "record a use: open a duration pass / startOrder (first)", ours: openDuration, peer: Number(oceanOrderFirst), note: "Ocean: zero provider and market fees, provider signature checked" },
  { operation: "record a use: uses pass / startOrder (later)", ours: use, peer: Number(oceanOrder), note: "units left after the use" },
  { operation: "transfer a pass (ERC-1155 safeTransferFrom)", ours: transferPass, note: "new holder balance zero before" },
]);
