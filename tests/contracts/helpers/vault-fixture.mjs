// Deployment and signing shortcuts shared by the MultisigVault tests.
import { byOwner, ecdsaApproval, packSignatures, signVaultTransaction, vaultDomain } from "./vault-signatures.mjs";

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

/** ECDSA approvals of `tx` by `signers` under `domain`, packed in ascending owner order. */
export async function signAndPack(signers, domain, tx) {
  const approvals = await Promise.all(
    signers.map(async (signer) => ecdsaApproval(signer.address, await signVaultTransaction(signer, domain, tx))),
  );
  return packSignatures(byOwner(approvals));
}

/** Signs `{to, value, data}` at the vault's current nonce by `signers` and executes it from `submitter`. */
export async function executeSigned(ethers, vault, signers, { to, value = 0n, data = "0x" }, submitter = signers[0]) {
  const tx = { to, value, data, nonce: await vault.nonce() };
  const signatures = await signAndPack(signers, await domainOf(ethers, vault), tx);
  return vault.connect(submitter).execute(to, value, data, signatures);
}
