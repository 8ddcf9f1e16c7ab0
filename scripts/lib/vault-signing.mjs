// Off-chain side of MultisigVault approvals (see docs/vault-signing.md): EIP-712 typed data and the packed
// `signatures` encoding. Shared by the vault tests and scripts/bench/gas-vault.mjs.
import { concat, getBytes, toBeHex, zeroPadValue } from "ethers";

export const VAULT_TRANSACTION_TYPES = {
  VaultTransaction: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "nonce", type: "uint256" },
  ],
};

export const VAULT_MESSAGE_TYPES = { VaultMessage: [{ name: "hash", type: "bytes32" }] };

/** The vault's EIP-712 domain; `overrides` lets tests forge another chain id or vault address. */
export function vaultDomain(chainId, verifyingContract, overrides = {}) {
  return { name: "MultisigVault", version: "1", chainId, verifyingContract, ...overrides };
}

/** Signs `tx` ({to, value, data, nonce}) with eth_signTypedData_v4 through an ethers signer. */
export function signVaultTransaction(signer, domain, tx) {
  return signer.signTypedData(domain, VAULT_TRANSACTION_TYPES, tx);
}

/** Signs the approval that lets the vault sign `hash` as an ERC-1271 signer. */
export function signVaultMessage(signer, domain, hash) {
  return signer.signTypedData(domain, VAULT_MESSAGE_TYPES, { hash });
}

/** Approval entries, each one of:
 *  { owner, signature }          65-byte ECDSA signature (v 27/28),
 *  { owner, contractSignature }  ERC-1271 owner (v 0) with its signature bytes,
 *  { owner, approvedHash: true } on-chain approval or caller (v 1).
 */
export const ecdsaApproval = (owner, signature) => ({ owner, signature });
export const contractApproval = (owner, contractSignature) => ({ owner, contractSignature });
export const onChainApproval = (owner) => ({ owner, approvedHash: true });

/** Sorts approvals by ascending owner address, the order the vault requires. */
export function byOwner(approvals) {
  return [...approvals].sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1));
}

/** Packs approvals in the given order into the vault's `signatures` bytes. */
export function packSignatures(approvals) {
  const staticLength = approvals.length * 65;
  const staticParts = [];
  const dynamicParts = [];
  let dynamicLength = 0;
  for (const approval of approvals) {
    if (approval.signature !== undefined) {
      staticParts.push(approval.signature);
    } else if (approval.contractSignature !== undefined) {
      const bytes = getBytes(approval.contractSignature);
      staticParts.push(zeroPadValue(approval.owner, 32), toBeHex(staticLength + dynamicLength, 32), "0x00");
      dynamicParts.push(toBeHex(bytes.length, 32), bytes);
      dynamicLength += 32 + bytes.length;
    } else {
      staticParts.push(zeroPadValue(approval.owner, 32), toBeHex(0, 32), "0x01");
    }
  }
  return concat([...staticParts, ...dynamicParts]);
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
