// Deployment shortcuts shared by the MultisigVault tests; the signing side lives in scripts/lib.
export { domainOf, executeSigned, signAndPack, signMessageAndPack } from "../../../scripts/lib/vault-signing.mjs";

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
