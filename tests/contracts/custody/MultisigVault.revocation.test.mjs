// Issue 20, fault 7: an on-chain approval (approveHash) could not be revoked. revokeApprovedHash withdraws it, with
// an event; the approval no longer counts for execute, checkSignatures or isValidSignature.
import { expect } from "chai";
import { network } from "hardhat";
import { TypedDataEncoder } from "ethers";

import {
  VAULT_TRANSACTION_TYPES,
  ecdsaApproval,
  onChainApproval,
  packSignatures,
  signVaultMessage,
  signVaultTransaction,
} from "../../../scripts/lib/vault-signing.mjs";
import { deployVault, domainOf, sortedSigners } from "../helpers/vault-fixture.mjs";

const { ethers, networkHelpers } = await network.create();
const ONE_ETH = 10n ** 18n;

describe("MultisigVault: revoking an on-chain approval (issue 20, fault 7)", function () {
  async function twoOfThree() {
    const signers = await sortedSigners(ethers);
    const owners = signers.slice(0, 3);
    const [outsider, recipient] = signers.slice(10, 12);
    const vault = await deployVault(ethers, owners, 2);
    await outsider.sendTransaction({ to: vault, value: 10n * ONE_ETH });
    const domain = await domainOf(ethers, vault);
    const tx = { to: recipient.address, value: ONE_ETH, data: "0x", nonce: 0n };
    const digest = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx);
    return { signers, owners, outsider, recipient, vault, domain, tx, digest };
  }

  it("the reported gap: an owner withdraws its approval and the transaction no longer executes", async function () {
    const { owners, outsider, vault, domain, tx, digest } = await networkHelpers.loadFixture(twoOfThree);
    await vault.connect(owners[1]).approveHash(digest);
    const signatures = packSignatures([
      ecdsaApproval(owners[0].address, await signVaultTransaction(owners[0], domain, tx)),
      onChainApproval(owners[1].address),
    ]);
    await vault.checkSignatures(digest, signatures);

    await expect(vault.connect(owners[1]).revokeApprovedHash(digest))
      .to.emit(vault, "HashApprovalRevoked")
      .withArgs(digest, owners[1].address);
    expect(await vault.approvedHashes(owners[1].address, digest)).to.equal(false);

    await expect(vault.connect(outsider).execute(tx.to, tx.value, tx.data, signatures))
      .to.be.revertedWithCustomError(vault, "HashNotApproved")
      .withArgs(owners[1].address, digest);
    await expect(vault.checkSignatures(digest, signatures))
      .to.be.revertedWithCustomError(vault, "HashNotApproved")
      .withArgs(owners[1].address, digest);
    expect(await vault.nonce()).to.equal(0n);

    // Approving again restores it.
    await vault.connect(owners[1]).approveHash(digest);
    await expect(vault.connect(outsider).execute(tx.to, tx.value, tx.data, signatures)).to.emit(vault, "ExecutionSuccess");
  });

  it("a revoked message approval no longer makes the vault sign (ERC-1271)", async function () {
    const { owners, vault, domain } = await networkHelpers.loadFixture(twoOfThree);
    const hash = ethers.id("order #7");
    const messageDigest = await vault.getMessageHash(hash);
    await vault.connect(owners[2]).approveHash(messageDigest);
    const signatures = packSignatures([
      ecdsaApproval(owners[0].address, await signVaultMessage(owners[0], domain, hash)),
      onChainApproval(owners[2].address),
    ]);
    expect(await vault.isValidSignature(hash, signatures)).to.equal("0x1626ba7e");
    await vault.connect(owners[2]).revokeApprovedHash(messageDigest);
    await expect(vault.isValidSignature(hash, signatures))
      .to.be.revertedWithCustomError(vault, "HashNotApproved")
      .withArgs(owners[2].address, messageDigest);
  });

  it("bad input: revoking a digest the caller never approved reverts, naming it, and changes nothing", async function () {
    const { owners, outsider, vault, digest } = await networkHelpers.loadFixture(twoOfThree);
    await vault.connect(owners[0]).approveHash(digest);
    for (const caller of [owners[1], outsider]) {
      await expect(vault.connect(caller).revokeApprovedHash(digest))
        .to.be.revertedWithCustomError(vault, "HashNotApproved")
        .withArgs(caller.address, digest);
    }
    expect(await vault.approvedHashes(owners[0].address, digest)).to.equal(true);
  });

  it("a removed owner can still withdraw its approval, so it does not count again after re-adding", async function () {
    const { owners, outsider, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
    const later = { ...tx, nonce: 1n };
    const laterDigest = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, later);
    await vault.connect(owners[2]).approveHash(laterDigest);
    // Nonce 0: the owners remove owners[2] (threshold stays 2).
    const remove = vault.interface.encodeFunctionData("removeOwner", [owners[2].address, 2]);
    const removeTx = { to: vault.target, value: 0n, data: remove, nonce: 0n };
    await vault.connect(outsider).execute(removeTx.to, 0n, remove, packSignatures([
      ecdsaApproval(owners[0].address, await signVaultTransaction(owners[0], domain, removeTx)),
      ecdsaApproval(owners[1].address, await signVaultTransaction(owners[1], domain, removeTx)),
    ]));
    await expect(vault.connect(owners[2]).revokeApprovedHash(laterDigest))
      .to.emit(vault, "HashApprovalRevoked")
      .withArgs(laterDigest, owners[2].address);
    expect(await vault.approvedHashes(owners[2].address, laterDigest)).to.equal(false);
  });
});
