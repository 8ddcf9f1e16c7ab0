import { expect } from "chai";
import { network } from "hardhat";
import { TypedDataEncoder, concat, toBeHex, verifyTypedData, zeroPadValue } from "ethers";

import {
  VAULT_TRANSACTION_TYPES,
  byOwner,
  contractApproval,
  ecdsaApproval,
  onChainApproval,
  packSignatures,
  signVaultTransaction,
  vaultDomain,
} from "../../../scripts/lib/vault-signing.mjs";
import { deployVault, domainOf, executeSigned, signAndPack, sortedSigners } from "../helpers/vault-fixture.mjs";
import { deployTestToken } from "../helpers/test-token.mjs";

const { ethers, networkHelpers } = await network.create();

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const ONE_ETH = 10n ** 18n;

describe("MultisigVault: execution and signature checks", function () {
  async function twoOfThree() {
    const signers = await sortedSigners(ethers);
    const owners = signers.slice(0, 3);
    const [outsider, recipient] = signers.slice(10, 12);
    const vault = await deployVault(ethers, owners, 2);
    await outsider.sendTransaction({ to: vault, value: 10n * ONE_ETH });
    const domain = await domainOf(ethers, vault);
    const tx = { to: recipient.address, value: ONE_ETH, data: "0x", nonce: 0n };
    return { signers, owners, outsider, recipient, vault, domain, tx };
  }

  it("executes a 2-of-3 ETH transfer, increments the nonce and emits ExecutionSuccess", async function () {
    const { owners, outsider, recipient, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
    const signatures = await signAndPack([owners[2], owners[0]], domain, tx);
    const txHash = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx);

    const execution = vault.connect(outsider).execute(tx.to, tx.value, tx.data, signatures);
    await expect(execution).to.emit(vault, "ExecutionSuccess").withArgs(txHash, 0n);
    await expect(execution).to.changeEtherBalances(ethers, [vault, recipient], [-ONE_ETH, ONE_ETH]);
    expect(await vault.nonce()).to.equal(1n);
  });

  it("executes a 3-of-5 ERC-20 transfer", async function () {
    const signers = await sortedSigners(ethers);
    const owners = signers.slice(0, 5);
    const recipient = signers[12];
    const vault = await deployVault(ethers, owners, 3);
    const token = await deployTestToken(ethers, 1000n);
    await token.transfer(vault, 1000n);
    const data = token.interface.encodeFunctionData("transfer", [recipient.address, 400n]);

    await executeSigned(ethers, vault, [owners[4], owners[1], owners[3]], { to: await token.getAddress(), data });

    expect(await token.balanceOf(recipient)).to.equal(400n);
    expect(await token.balanceOf(vault)).to.equal(600n);
  });

  it("matches ethers' EIP-712 digest and domain separator", async function () {
    const { vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
    expect(await vault.getTransactionHash(tx.to, tx.value, tx.data, tx.nonce)).to.equal(
      TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx),
    );
    expect(await vault.domainSeparator()).to.equal(TypedDataEncoder.hashDomain(domain));
  });

  describe("replay protection", function () {
    it("rejects signatures made for another chain id", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const foreignDomain = { ...domain, chainId: 10n };
      const signatures = await signAndPack(owners.slice(0, 2), foreignDomain, tx);
      const firstSignature = await signVaultTransaction(owners[0], foreignDomain, tx);
      // What the vault recovers: the signature checked against this chain's digest.
      const recovered = verifyTypedData(domain, VAULT_TRANSACTION_TYPES, tx, firstSignature);

      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "NotAnOwner")
        .withArgs(recovered);
    });

    it("rejects signatures made for another vault with the same owners", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const otherVault = await deployVault(ethers, owners, 2);
      const signatures = await signAndPack(owners.slice(0, 2), domain, tx);
      const otherDomain = await domainOf(ethers, otherVault);
      const recovered = verifyTypedData(otherDomain, VAULT_TRANSACTION_TYPES, tx, await signVaultTransaction(owners[0], domain, tx));

      await expect(otherVault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(otherVault, "NotAnOwner")
        .withArgs(recovered);
      await expect(vault.execute(tx.to, tx.value, tx.data, signatures)).to.emit(vault, "ExecutionSuccess");
    });

    it("rejects a second use of the same signatures", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const signatures = await signAndPack(owners.slice(0, 2), domain, tx);
      await vault.execute(tx.to, tx.value, tx.data, signatures);
      const recovered = verifyTypedData(domain, VAULT_TRANSACTION_TYPES, { ...tx, nonce: 1n }, await signVaultTransaction(owners[0], domain, tx));

      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "NotAnOwner")
        .withArgs(recovered);
    });
  });

  describe("signer set", function () {
    it("rejects signers in descending order", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const approvals = await Promise.all(
        [owners[2], owners[0]].map(async (o) => ecdsaApproval(o.address, await signVaultTransaction(o, domain, tx))),
      );
      await expect(vault.execute(tx.to, tx.value, tx.data, packSignatures(approvals)))
        .to.be.revertedWithCustomError(vault, "SignersNotAscending")
        .withArgs(owners[0].address, owners[2].address);
    });

    it("rejects the same owner twice", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const signature = await signVaultTransaction(owners[1], domain, tx);
      const approval = ecdsaApproval(owners[1].address, signature);
      await expect(vault.execute(tx.to, tx.value, tx.data, packSignatures([approval, approval])))
        .to.be.revertedWithCustomError(vault, "SignersNotAscending")
        .withArgs(owners[1].address, owners[1].address);
    });

    it("rejects a signer who is not an owner", async function () {
      const { owners, outsider, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const signatures = await signAndPack([owners[0], outsider], domain, tx);
      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "NotAnOwner")
        .withArgs(outsider.address);
    });

    it("rejects fewer signatures than the threshold", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const signatures = await signAndPack([owners[0]], domain, tx);
      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "SignaturesTooShort")
        .withArgs(65n, 130n);
    });

    it("rejects a malleable (high-s) signature", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const [low, high] = owners.slice(0, 2);
      const lowSignature = await signVaultTransaction(low, domain, tx);
      const sig = ethers.Signature.from(await signVaultTransaction(high, domain, tx));
      const flipped = concat([sig.r, toBeHex(SECP256K1_N - BigInt(sig.s), 32), toBeHex(sig.v === 27 ? 28 : 27, 1)]);
      // (n - s, flipped v) is the twin signature plain ecrecover also accepts; only the low-s rule rejects it.

      const signatures = packSignatures([ecdsaApproval(low.address, lowSignature), ecdsaApproval(high.address, flipped)]);
      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "InvalidECDSASignature")
        .withArgs(1n);
    });

    it("rejects an entry whose v is neither 0, 1, 27 nor 28", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const sig = ethers.Signature.from(await signVaultTransaction(owners[0], domain, tx));
      const badV = concat([sig.r, sig.s, "0x05"]);
      const signatures = packSignatures([ecdsaApproval(owners[0].address, badV), ecdsaApproval(owners[1].address, badV)]);
      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "InvalidECDSASignature")
        .withArgs(0n);
    });
  });

  describe("ERC-1271 owners", function () {
    async function withContractOwner() {
      const signers = await sortedSigners(ethers);
      const walletKey = ethers.Wallet.createRandom();
      const wallet = await ethers.deployContract("ERC1271Wallet", [walletKey.address]);
      const owners = [signers[0], signers[1]];
      const vault = await deployVault(ethers, [...owners, wallet], 2);
      await signers[0].sendTransaction({ to: vault, value: ONE_ETH });
      const domain = await domainOf(ethers, vault);
      const tx = { to: signers[15].address, value: 1000n, data: "0x", nonce: 0n };
      const digest = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx);
      const walletSignature = walletKey.signingKey.sign(digest).serialized;
      const ownerApproval = ecdsaApproval(owners[0].address, await signVaultTransaction(owners[0], domain, tx));
      return { owners, wallet, walletKey, vault, tx, digest, walletSignature, ownerApproval };
    }

    it("accepts a contract owner's ERC-1271 signature (v = 0)", async function () {
      const { wallet, vault, tx, walletSignature, ownerApproval } = await networkHelpers.loadFixture(withContractOwner);
      const signatures = packSignatures(byOwner([ownerApproval, contractApproval(await wallet.getAddress(), walletSignature)]));
      await expect(vault.execute(tx.to, tx.value, tx.data, signatures)).to.emit(vault, "ExecutionSuccess");
    });

    it("rejects a signature the contract owner refuses", async function () {
      const { wallet, vault, tx, digest, ownerApproval } = await networkHelpers.loadFixture(withContractOwner);
      const wrongSignature = ethers.Wallet.createRandom().signingKey.sign(digest).serialized;
      const walletAddress = await wallet.getAddress();
      const signatures = packSignatures(byOwner([ownerApproval, contractApproval(walletAddress, wrongSignature)]));
      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "InvalidContractSignature")
        .withArgs(walletAddress);
    });

    it("rejects a dynamic part that overlaps the static entries or runs past the end", async function () {
      const { wallet, vault, tx, walletSignature, ownerApproval } = await networkHelpers.loadFixture(withContractOwner);
      const walletAddress = await wallet.getAddress();
      const walletEntry = (offset) => concat([zeroPadValue(walletAddress, 32), toBeHex(offset, 32), "0x00"]);
      const order = byOwner([ownerApproval, { owner: walletAddress }]);
      const pack = (offset, tail) =>
        concat([...order.map((a) => (a.owner === walletAddress ? walletEntry(offset) : a.signature)), tail]);
      const tail = concat([toBeHex(65, 32), walletSignature]);

      const overlapping = pack(64, tail);
      await expect(vault.execute(tx.to, tx.value, tx.data, overlapping))
        .to.be.revertedWithCustomError(vault, "ContractSignatureOutOfBounds")
        .withArgs(64n, ethers.dataLength(overlapping));

      const pastEnd = pack(130 + 40, tail);
      await expect(vault.execute(tx.to, tx.value, tx.data, pastEnd))
        .to.be.revertedWithCustomError(vault, "ContractSignatureOutOfBounds")
        .withArgs(170n, ethers.dataLength(pastEnd));

      const truncated = pack(130, concat([toBeHex(66, 32), walletSignature]));
      await expect(vault.execute(tx.to, tx.value, tx.data, truncated))
        .to.be.revertedWithCustomError(vault, "ContractSignatureOutOfBounds")
        .withArgs(130n, ethers.dataLength(truncated));
    });
  });

  describe("on-chain approvals (v = 1)", function () {
    it("accepts an owner's approveHash together with an ECDSA signature", async function () {
      const { owners, outsider, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const digest = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx);
      await expect(vault.connect(owners[1]).approveHash(digest))
        .to.emit(vault, "HashApproved")
        .withArgs(digest, owners[1].address);
      expect(await vault.approvedHashes(owners[1].address, digest)).to.equal(true);

      const signatures = packSignatures([
        ecdsaApproval(owners[0].address, await signVaultTransaction(owners[0], domain, tx)),
        onChainApproval(owners[1].address),
      ]);
      await expect(vault.connect(outsider).execute(tx.to, tx.value, tx.data, signatures)).to.emit(vault, "ExecutionSuccess");
    });

    it("counts the submitting owner as approving without approveHash", async function () {
      const { owners, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const signatures = packSignatures([
        ecdsaApproval(owners[0].address, await signVaultTransaction(owners[0], domain, tx)),
        onChainApproval(owners[1].address),
      ]);
      await expect(vault.connect(owners[1]).execute(tx.to, tx.value, tx.data, signatures)).to.emit(vault, "ExecutionSuccess");
    });

    it("rejects an owner who neither approved nor submits", async function () {
      const { owners, outsider, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
      const digest = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx);
      const signatures = packSignatures([
        ecdsaApproval(owners[0].address, await signVaultTransaction(owners[0], domain, tx)),
        onChainApproval(owners[1].address),
      ]);
      await expect(vault.connect(outsider).execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "HashNotApproved")
        .withArgs(owners[1].address, digest);
    });

    it("rejects approveHash from a non-owner", async function () {
      const { outsider, vault } = await networkHelpers.loadFixture(twoOfThree);
      await expect(vault.connect(outsider).approveHash(ethers.ZeroHash))
        .to.be.revertedWithCustomError(vault, "NotAnOwner")
        .withArgs(outsider.address);
    });
  });

  describe("call outcome", function () {
    it("reverts with the callee's revert data and keeps the nonce when the call fails", async function () {
      const { owners, vault, domain } = await networkHelpers.loadFixture(twoOfThree);
      const token = await deployTestToken(ethers, 10n);
      const data = token.interface.encodeFunctionData("transfer", [owners[0].address, 1n]);
      const tx = { to: await token.getAddress(), value: 0n, data, nonce: 0n };
      const signatures = await signAndPack(owners.slice(0, 2), domain, tx);
      const txHash = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx);
      const reason = token.interface.encodeErrorResult("ERC20InsufficientBalance", [await vault.getAddress(), 0n, 1n]);

      await expect(vault.execute(tx.to, tx.value, tx.data, signatures))
        .to.be.revertedWithCustomError(vault, "ExecutionFailed")
        .withArgs(txHash, reason);
      expect(await vault.nonce()).to.equal(0n);
    });

    it("blocks reentering execute from an executed call", async function () {
      const { owners, vault, domain, tx: inner } = await networkHelpers.loadFixture(twoOfThree);
      const innerSignatures = await signAndPack(owners.slice(0, 2), domain, { ...inner, nonce: 1n });
      const data = vault.interface.encodeFunctionData("execute", [inner.to, inner.value, inner.data, innerSignatures]);
      const outer = { to: await vault.getAddress(), value: 0n, data, nonce: 0n };
      const signatures = await signAndPack(owners.slice(0, 2), domain, outer);
      const reason = vault.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);

      await expect(vault.execute(outer.to, outer.value, outer.data, signatures))
        .to.be.revertedWithCustomError(vault, "ExecutionFailed")
        .withArgs(TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, outer), reason);
    });
  });

  it("checkSignatures accepts exactly what execute accepts", async function () {
    const { owners, outsider, vault, domain, tx } = await networkHelpers.loadFixture(twoOfThree);
    const digest = TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx);
    await vault.checkSignatures(digest, await signAndPack(owners.slice(1, 3), domain, tx));
    await expect(vault.checkSignatures(digest, await signAndPack([owners[1], outsider], domain, tx)))
      .to.be.revertedWithCustomError(vault, "NotAnOwner")
      .withArgs(outsider.address);
  });
});
