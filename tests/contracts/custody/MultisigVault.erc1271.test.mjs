import { expect } from "chai";
import { network } from "hardhat";
import { TypedDataEncoder, verifyTypedData } from "ethers";

import {
  BALLOT_TYPES,
  GOVERNANCE_PARAMS as P,
  VoteType,
  ballotDomain,
  deployGovernance,
  proposalIdOf,
} from "../helpers/governance-fixture.mjs";
import {
  VAULT_MESSAGE_TYPES,
  VAULT_TRANSACTION_TYPES,
  byOwner,
  contractApproval,
  ecdsaApproval,
  onChainApproval,
  packSignatures,
  signVaultMessage,
  signVaultTransaction,
} from "../../../scripts/lib/vault-signing.mjs";
import { deployVault, domainOf, signAndPack, signMessageAndPack, sortedSigners } from "../helpers/vault-fixture.mjs";

const { ethers, networkHelpers } = await network.create();
const MAGIC_VALUE = "0x1626ba7e";

describe("MultisigVault as an ERC-1271 signer", function () {
  async function twoOfThree() {
    const signers = await sortedSigners(ethers);
    const owners = signers.slice(0, 3);
    const vault = await deployVault(ethers, owners, 2);
    const domain = await domainOf(ethers, vault);
    const hash = ethers.id("an off-chain order");
    return { signers, owners, vault, domain, hash };
  }

  it("returns the magic value when owners approved VaultMessage(hash)", async function () {
    const { owners, vault, domain, hash } = await networkHelpers.loadFixture(twoOfThree);
    expect(await vault.getMessageHash(hash)).to.equal(TypedDataEncoder.hash(domain, VAULT_MESSAGE_TYPES, { hash }));
    const signatures = await signMessageAndPack([owners[0], owners[2]], domain, hash);
    expect(await vault.isValidSignature(hash, signatures)).to.equal(MAGIC_VALUE);
  });

  it("rejects transaction approvals presented as message signatures", async function () {
    const { owners, vault, domain, hash } = await networkHelpers.loadFixture(twoOfThree);
    // A VaultTransaction approval is also an EIP-712 signature by an owner, but of another struct.
    const tx = { to: owners[0].address, value: 0n, data: "0x", nonce: 0n };
    const first = await signVaultTransaction(owners[0], domain, tx);
    const second = await signVaultTransaction(owners[1], domain, tx);
    const signatures = packSignatures([ecdsaApproval(owners[0].address, first), ecdsaApproval(owners[1].address, second)]);
    const txDigest = await vault.getTransactionHash(tx.to, tx.value, tx.data, tx.nonce);
    const recovered = verifyTypedData(domain, VAULT_MESSAGE_TYPES, { hash: txDigest }, first);

    await expect(vault.isValidSignature(txDigest, signatures))
      .to.be.revertedWithCustomError(vault, "NotAnOwner")
      .withArgs(recovered);
  });

  it("does not count the caller as an implicit approver, only approveHash", async function () {
    const { owners, vault, domain, hash } = await networkHelpers.loadFixture(twoOfThree);
    const messageDigest = await vault.getMessageHash(hash);
    const signatures = packSignatures([
      ecdsaApproval(owners[0].address, await signVaultMessage(owners[0], domain, hash)),
      onChainApproval(owners[1].address),
    ]);
    await expect(vault.connect(owners[1]).isValidSignature(hash, signatures))
      .to.be.revertedWithCustomError(vault, "HashNotApproved")
      .withArgs(owners[1].address, messageDigest);

    await vault.connect(owners[1]).approveHash(messageDigest);
    expect(await vault.isValidSignature(hash, signatures)).to.equal(MAGIC_VALUE);
  });

  it("acts as the contract owner of another vault (nested multisig)", async function () {
    const { signers, owners, vault: parent, domain: parentDomain } = await networkHelpers.loadFixture(twoOfThree);
    const member = signers[6];
    const child = await deployVault(ethers, [parent, member], 2);
    await member.sendTransaction({ to: child, value: 1000n });
    const childDomain = await domainOf(ethers, child);
    const tx = { to: signers[7].address, value: 1000n, data: "0x", nonce: 0n };
    const childDigest = TypedDataEncoder.hash(childDomain, VAULT_TRANSACTION_TYPES, tx);
    const parentSignatures = await signMessageAndPack([owners[1], owners[2]], parentDomain, childDigest);

    const signatures = packSignatures(
      byOwner([
        ecdsaApproval(member.address, await signVaultTransaction(member, childDomain, tx)),
        contractApproval(await parent.getAddress(), parentSignatures),
      ]),
    );
    await expect(child.execute(tx.to, tx.value, tx.data, signatures)).to.changeEtherBalance(ethers, signers[7], 1000n);
  });

  it("votes in the DAO through castVoteBySig with its owners' approval", async function () {
    const { signers, owners, vault, domain } = await networkHelpers.loadFixture(twoOfThree);
    const [deployer, relayer] = [signers[10], signers[11]];
    const { token, governor } = await deployGovernance(ethers, deployer);
    await token.connect(deployer).transfer(vault, 100_000n * 10n ** 18n);
    await token.connect(deployer).delegate(deployer);
    // The vault delegates its tokens to itself through an owner-approved execution.
    const delegateData = token.interface.encodeFunctionData("delegate", [await vault.getAddress()]);
    const delegateTx = { to: await token.getAddress(), value: 0n, data: delegateData, nonce: 0n };
    const delegateSignatures = await signAndPack(owners.slice(0, 2), domain, delegateTx);
    await vault.execute(delegateTx.to, 0n, delegateData, delegateSignatures);
    await networkHelpers.time.increase(1);

    const description = "Vault votes";
    await governor.connect(deployer).propose([deployer.address], [0n], ["0x"], description);
    const proposalId = proposalIdOf([deployer.address], [0n], ["0x"], description);
    await networkHelpers.time.increase(P.votingDelay + 1n);

    const ballotDigest = TypedDataEncoder.hash(await ballotDomain(ethers, governor), BALLOT_TYPES, {
      proposalId,
      support: VoteType.For,
      voter: await vault.getAddress(),
      nonce: 0n,
    });
    const signatures = await signMessageAndPack([owners[0], owners[1]], domain, ballotDigest);
    await expect(governor.connect(relayer).castVoteBySig(proposalId, VoteType.For, vault, signatures))
      .to.emit(governor, "VoteCast")
      .withArgs(await vault.getAddress(), proposalId, VoteType.For, 100_000n * 10n ** 18n, "");
  });
});
