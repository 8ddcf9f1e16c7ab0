// The demo's fallback while scripts/demo.mjs does not exist: deploys ErrorProbe on the devnet,
// sends one state-changing transaction, and prints what happened, L1 data fee included.
//
//   npx hardhat run scripts/lib/devnet-smoke.mjs --network devnet
import { network } from "hardhat";

const GAS_PRICE_ORACLE = "0x420000000000000000000000000000000000000F";

const { ethers } = await network.create();
const [signer] = await ethers.getSigners();
const { chainId } = await ethers.provider.getNetwork();
console.log(`chain ${chainId}, sender ${signer.address}`);

const probe = await ethers.deployContract("ErrorProbe");
const deployment = await probe.deploymentTransaction().wait();
console.log(`ErrorProbe deployed at ${await probe.getAddress()} (block ${deployment.blockNumber}, gas ${deployment.gasUsed})`);

const tag = ethers.encodeBytes32String("demo");
const receipt = await (await probe.setValue(42, tag)).wait();
const [event] = receipt.logs.map((log) => probe.interface.parseLog(log));
console.log(`setValue(42): status ${receipt.status}, gas ${receipt.gasUsed}, event ${event.name}(old=${event.args.oldValue}, new=${event.args.newValue})`);
console.log(`value() = ${await probe.value()}`);

const oracle = new ethers.Contract(GAS_PRICE_ORACLE, ["function getL1Fee(bytes) view returns (uint256)"], ethers.provider);
const unsigned = ethers.Transaction.from({
  type: 2, chainId, nonce: 0, to: await probe.getAddress(), gasLimit: receipt.gasUsed,
  maxFeePerGas: receipt.gasPrice, maxPriorityFeePerGas: 0n,
  data: probe.interface.encodeFunctionData("setValue", [42, tag]),
}).unsignedSerialized;
console.log(`L1 data fee of such a call: ${await oracle.getL1Fee(unsigned)} wei; L2 execution: ${receipt.gasUsed * receipt.gasPrice} wei`);
