// Deployment and signing shortcuts shared by the MultisigVault tests.
import {
  byOwner,
  ecdsaApproval,
  packSignatures,
  signVaultMessage,
  signVaultTransaction,
  vaultDomain,
} from "./vault-signatures.mjs";

/** Signers sorted by ascending address, so tests can name "the lowest owner" etc. */
export async function sortedSigners(ethers) {
  const signers = await ethers.getSigners();
  return [...signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
}

/** Deploys a vault owned by `owners` (signers or addresses) with `threshold`. */
export async function deployVault(ethers, owners, threshold) {
  const addresses = owners.map((owner) => owner.address ?? owner);
  return ethers.deployContract("MultisigVault", [addresses, threshold]);
}

/** The vault's real EIP-712 domain on the connected chain. */
export async function domainOf(ethers, vault) {
  const { chainId } = await ethers.provider.getNetwork();
  return vaultDomain(chainId, await vault.getAddress());
}

/** ECDSA approvals produced by `sign(signer)` for each of `signers`, packed in ascending owner order. */
async function packEcdsa(signers, sign) {
  const approvals = await Promise.all(signers.map(async (signer) => ecdsaApproval(signer.address, await sign(signer))));
  return packSignatures(byOwner(approvals));
}

/** ECDSA approvals of transaction `tx` by `signers` under `domain`, packed. */
export function signAndPack(signers, domain, tx) {
  return packEcdsa(signers, (signer) => signVaultTransaction(signer, domain, tx));
}

/** ECDSA approvals of the vault message `hash` (ERC-1271) by `signers` under `domain`, packed. */
export function signMessageAndPack(signers, domain, hash) {
  return packEcdsa(signers, (signer) => signVaultMessage(signer, domain, hash));
}

/** Signs `{to, value, data}` at the vault's current nonce by `signers` and executes it from `submitter`. */
export async function executeSigned(ethers, vault, signers, { to, value = 0n, data = "0x" }, submitter = signers[0]) {
  const tx = { to, value, data, nonce: await vault.nonce() };
  const signatures = await signAndPack(signers, await domainOf(ethers, vault), tx);
  return vault.connect(submitter).execute(to, value, data, signatures);
}
