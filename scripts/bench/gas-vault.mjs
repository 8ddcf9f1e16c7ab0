// Gas of MultisigVault's user-facing calls next to Safe v1.4.1's published figures.
// Run against the local OP-mode devnet (anvil):
//   npx anvil --chain-id 10 --optimism --port 8545 --host 127.0.0.1 &
//   DEVNET_RPC_URL=http://127.0.0.1:8545 npx hardhat run scripts/bench/gas-vault.mjs --network devnet
import { network } from "hardhat";

import { gasOf, printGasTable } from "../../tests/contracts/helpers/gas-report.mjs";
import { deployVault, domainOf, executeSigned, sortedSigners } from "../../tests/contracts/helpers/vault-fixture.mjs";
import {
  byOwner,
  ecdsaApproval,
  onChainApproval,
  packSignatures,
  signVaultTransaction,
} from "../lib/vault-signing.mjs";
import { deployTestToken } from "../../tests/contracts/helpers/test-token.mjs";

const SAFE = { ethFirst: 82_918, eth: 65_818, erc20: 72_728, eth3of5: 72_884 };

const { ethers } = await network.getOrCreate();
const signers = await sortedSigners(ethers);
const owners = signers.slice(0, 5);
const recipient = signers[9]; // a funded, existing account: no new-account surcharge

const vault2of3 = await deployVault(ethers, owners.slice(0, 3), 2);
const vault3of5 = await deployVault(ethers, owners, 3);
const deployGas = (await vault2of3.deploymentTransaction().wait()).gasUsed;
for (const vault of [vault2of3, vault3of5]) await (await signers[5].sendTransaction({ to: vault, value: 10n ** 18n })).wait();
const token = await deployTestToken(ethers, 10n ** 24n);
await (await token.transfer(vault2of3, 10n ** 21n)).wait();
await (await token.transfer(recipient, 1n)).wait(); // recipient balance non-zero before the measured transfer

const pair = [owners[0], owners[2]];
const eth = { to: recipient.address, value: 1000n };
const ethFirst = await gasOf(() => executeSigned(ethers, vault2of3, pair, eth));
const ethNext = await gasOf(() => executeSigned(ethers, vault2of3, pair, eth));
const erc20Data = token.interface.encodeFunctionData("transfer", [recipient.address, 500n]);
const tokenAddress = await token.getAddress();
const erc20 = await gasOf(() => executeSigned(ethers, vault2of3, pair, { to: tokenAddress, data: erc20Data }));
await gasOf(() => executeSigned(ethers, vault3of5, [owners[1], owners[3], owners[4]], eth)); // move nonce off 0
const eth3of5 = await gasOf(() => executeSigned(ethers, vault3of5, [owners[1], owners[3], owners[4]], eth));

// One ECDSA signature plus the submitting owner's implicit approval (v = 1).
const domain = await domainOf(ethers, vault2of3);
const tx = { ...eth, data: "0x", nonce: await vault2of3.nonce() };
const submitterApproval = packSignatures(
  byOwner([ecdsaApproval(owners[0].address, await signVaultTransaction(owners[0], domain, tx)), onChainApproval(owners[2].address)]),
);
const ethSubmitter = await gasOf(() => vault2of3.connect(owners[2]).execute(tx.to, tx.value, tx.data, submitterApproval));
const approveHash = await gasOf(() => vault2of3.connect(owners[1]).approveHash(ethers.id("bench")));

const { chainId } = await ethers.provider.getNetwork();
printGasTable(`MultisigVault vs Safe v1.4.1 (chain id ${chainId})`, "Safe v1.4.1", [
  { operation: "2-of-3 ETH transfer, first execution (nonce 0)", ours: ethFirst, peer: SAFE.ethFirst, note: "recipient exists" },
  { operation: "2-of-3 ETH transfer (nonce > 0)", ours: ethNext, peer: SAFE.eth, note: "recipient exists" },
  { operation: "2-of-3 ERC-20 transfer", ours: erc20, peer: SAFE.erc20, note: "both token balances non-zero before" },
  { operation: "3-of-5 ETH transfer (nonce > 0)", ours: eth3of5, peer: SAFE.eth3of5, note: "recipient exists" },
  { operation: "2-of-3 ETH transfer, submitter approves by v = 1", ours: ethSubmitter, note: "one ecrecover fewer" },
  { operation: "approveHash", ours: approveHash, note: "new approval" },
  { operation: "deploy a 2-of-3 vault", ours: deployGas, note: "full contract, not a proxy" },
]);
