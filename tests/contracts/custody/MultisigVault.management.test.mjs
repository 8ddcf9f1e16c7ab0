import { expect } from "chai";
import { network } from "hardhat";
import { TypedDataEncoder, getCreateAddress } from "ethers";

import { VAULT_TRANSACTION_TYPES } from "../../../scripts/lib/vault-signing.mjs";
import { deployVault, domainOf, executeSigned, signAndPack, sortedSigners } from "../helpers/vault-fixture.mjs";
import { deployTestToken } from "../helpers/test-token.mjs";

const { ethers, networkHelpers } = await network.create();

describe("MultisigVault: owners and custody", function () {
  async function twoOfThree() {
    const signers = await sortedSigners(ethers);
    const owners = signers.slice(0, 3);
    const [newcomer, outsider] = signers.slice(8, 10);
    const vault = await deployVault(ethers, owners, 2);
    const vaultAddress = await vault.getAddress();
    // Runs `fn(args)` on the vault through a 2-owner execution.
    const selfCall = (fn, args, signers_ = owners.slice(0, 2)) =>
      executeSigned(ethers, vault, signers_, { to: vaultAddress, data: vault.interface.encodeFunctionData(fn, args) });
    return { owners, newcomer, outsider, vault, vaultAddress, selfCall };
  }

  /** Expects a self-call to fail inside execute with `errorName(args)` of the vault. */
  async function expectSelfCallError(vault, owners, fn, fnArgs, errorName, errorArgs) {
    const to = await vault.getAddress();
    const data = vault.interface.encodeFunctionData(fn, fnArgs);
    const tx = { to, value: 0n, data, nonce: await vault.nonce() };
    const domain = await domainOf(ethers, vault);
    const signatures = await signAndPack(owners, domain, tx);
    await expect(vault.execute(to, 0n, data, signatures))
      .to.be.revertedWithCustomError(vault, "ExecutionFailed")
      .withArgs(TypedDataEncoder.hash(domain, VAULT_TRANSACTION_TYPES, tx), vault.interface.encodeErrorResult(errorName, errorArgs));
  }

  describe("construction", function () {
    it("records owners and threshold and emits their events", async function () {
      const { owners, vault } = await networkHelpers.loadFixture(twoOfThree);
      expect(await vault.threshold()).to.equal(2n);
      expect(await vault.nonce()).to.equal(0n);
      expect([...(await vault.getOwners())].sort()).to.deep.equal(owners.map((o) => o.address).sort());
      for (const owner of owners) expect(await vault.isOwner(owner)).to.equal(true);

      const deployment = vault.deploymentTransaction();
      await expect(deployment).to.emit(vault, "OwnerAdded").withArgs(owners[2].address);
      await expect(deployment).to.emit(vault, "ThresholdChanged").withArgs(0n, 2n);
    });

    it("rejects a zero threshold, a threshold above the owner count and an empty owner list", async function () {
      const { owners, vault } = await networkHelpers.loadFixture(twoOfThree);
      const factory = await ethers.getContractFactory("MultisigVault");
      await expect(factory.deploy(owners, 0)).to.be.revertedWithCustomError(vault, "InvalidThreshold").withArgs(0n, 3n);
      await expect(factory.deploy(owners, 4)).to.be.revertedWithCustomError(vault, "InvalidThreshold").withArgs(4n, 3n);
      await expect(factory.deploy([], 1)).to.be.revertedWithCustomError(vault, "InvalidThreshold").withArgs(1n, 0n);
    });

    it("rejects the zero address, the vault itself and duplicate owners", async function () {
      const { owners, vault } = await networkHelpers.loadFixture(twoOfThree);
      const [deployer] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("MultisigVault");
      await expect(factory.deploy([owners[0], ethers.ZeroAddress], 1))
        .to.be.revertedWithCustomError(vault, "InvalidOwner")
        .withArgs(ethers.ZeroAddress);
      await expect(factory.deploy([owners[0], owners[0]], 1))
        .to.be.revertedWithCustomError(vault, "DuplicateOwner")
        .withArgs(owners[0].address);
      const nextAddress = getCreateAddress({ from: deployer.address, nonce: await deployer.getNonce() });
      await expect(factory.deploy([nextAddress], 1))
        .to.be.revertedWithCustomError(vault, "InvalidOwner")
        .withArgs(nextAddress);
    });
  });

  describe("owner management through execute", function () {
    it("adds an owner and raises the threshold", async function () {
      const { owners, newcomer, vault, selfCall } = await networkHelpers.loadFixture(twoOfThree);
      const execution = selfCall("addOwner", [newcomer.address, 3]);
      await expect(execution).to.emit(vault, "OwnerAdded").withArgs(newcomer.address);
      await expect(execution).to.emit(vault, "ThresholdChanged").withArgs(2n, 3n);
      expect(await vault.isOwner(newcomer)).to.equal(true);
      expect(await vault.threshold()).to.equal(3n);
      // The newcomer's approval now counts.
      await executeSigned(ethers, vault, [owners[0], owners[2], newcomer], { to: owners[0].address });
    });

    it("removes an owner whose approval then no longer counts", async function () {
      const { owners, vault, selfCall } = await networkHelpers.loadFixture(twoOfThree);
      const execution = selfCall("removeOwner", [owners[2].address, 1]);
      await expect(execution).to.emit(vault, "OwnerRemoved").withArgs(owners[2].address);
      await expect(execution).to.emit(vault, "ThresholdChanged").withArgs(2n, 1n);
      expect(await vault.getOwners()).to.have.length(2);
      await expect(executeSigned(ethers, vault, [owners[2]], { to: owners[0].address }))
        .to.be.revertedWithCustomError(vault, "NotAnOwner")
        .withArgs(owners[2].address);
    });

    it("keeps the threshold silently when it does not change", async function () {
      const { owners, newcomer, vault, selfCall } = await networkHelpers.loadFixture(twoOfThree);
      await expect(selfCall("addOwner", [newcomer.address, 2])).not.to.emit(vault, "ThresholdChanged");
      await expect(selfCall("changeThreshold", [2])).not.to.emit(vault, "ThresholdChanged");
      expect(await vault.getOwners()).to.have.length(4);
      expect(await vault.isOwner(owners[0])).to.equal(true);
    });

    it("swaps an owner", async function () {
      const { owners, newcomer, vault, selfCall } = await networkHelpers.loadFixture(twoOfThree);
      const execution = selfCall("swapOwner", [owners[1].address, newcomer.address]);
      await expect(execution).to.emit(vault, "OwnerRemoved").withArgs(owners[1].address);
      await expect(execution).to.emit(vault, "OwnerAdded").withArgs(newcomer.address);
      expect(await vault.isOwner(owners[1])).to.equal(false);
      expect(await vault.isOwner(newcomer)).to.equal(true);
    });

    it("changes the threshold", async function () {
      const { vault, selfCall } = await networkHelpers.loadFixture(twoOfThree);
      await expect(selfCall("changeThreshold", [3])).to.emit(vault, "ThresholdChanged").withArgs(2n, 3n);
      expect(await vault.threshold()).to.equal(3n);
    });

    it("enforces 1 <= threshold <= owners", async function () {
      const { owners, newcomer, vault } = await networkHelpers.loadFixture(twoOfThree);
      const pair = owners.slice(0, 2);
      await expectSelfCallError(vault, pair, "changeThreshold", [0], "InvalidThreshold", [0n, 3n]);
      await expectSelfCallError(vault, pair, "changeThreshold", [4], "InvalidThreshold", [4n, 3n]);
      await expectSelfCallError(vault, pair, "removeOwner", [owners[2].address, 3], "InvalidThreshold", [3n, 2n]);
      await expectSelfCallError(vault, pair, "addOwner", [newcomer.address, 5], "InvalidThreshold", [5n, 4n]);
    });

    it("rejects invalid, duplicate and unknown owners", async function () {
      const { owners, newcomer, outsider, vault, vaultAddress } = await networkHelpers.loadFixture(twoOfThree);
      const pair = owners.slice(0, 2);
      await expectSelfCallError(vault, pair, "addOwner", [ethers.ZeroAddress, 2], "InvalidOwner", [ethers.ZeroAddress]);
      await expectSelfCallError(vault, pair, "addOwner", [vaultAddress, 2], "InvalidOwner", [vaultAddress]);
      await expectSelfCallError(vault, pair, "addOwner", [owners[2].address, 2], "DuplicateOwner", [owners[2].address]);
      await expectSelfCallError(vault, pair, "removeOwner", [outsider.address, 1], "NotAnOwner", [outsider.address]);
      await expectSelfCallError(vault, pair, "swapOwner", [outsider.address, newcomer.address], "NotAnOwner", [outsider.address]);
      await expectSelfCallError(vault, pair, "swapOwner", [owners[0].address, owners[2].address], "DuplicateOwner", [owners[2].address]);
      await expectSelfCallError(vault, pair, "swapOwner", [owners[0].address, ethers.ZeroAddress], "InvalidOwner", [ethers.ZeroAddress]);
    });

    it("rejects direct calls, even from owners", async function () {
      const { owners, newcomer, vault } = await networkHelpers.loadFixture(twoOfThree);
      const owner = vault.connect(owners[0]);
      const onlyVault = (p) => expect(p).to.be.revertedWithCustomError(vault, "OnlyVault").withArgs(owners[0].address);
      await onlyVault(owner.addOwner(newcomer.address, 2));
      await onlyVault(owner.removeOwner(owners[1].address, 1));
      await onlyVault(owner.swapOwner(owners[1].address, newcomer.address));
      await onlyVault(owner.changeThreshold(1));
    });
  });

  describe("custody", function () {
    it("receives ETH with an event", async function () {
      const { outsider, vault } = await networkHelpers.loadFixture(twoOfThree);
      await expect(outsider.sendTransaction({ to: vault, value: 123n }))
        .to.emit(vault, "EtherReceived")
        .withArgs(outsider.address, 123n);
      expect(await ethers.provider.getBalance(vault)).to.equal(123n);
    });

    it("holds and releases ERC-20 tokens", async function () {
      const { owners, outsider, vault } = await networkHelpers.loadFixture(twoOfThree);
      const token = await deployTestToken(ethers, 500n);
      await token.transfer(vault, 500n);
      const data = token.interface.encodeFunctionData("transfer", [outsider.address, 200n]);
      await executeSigned(ethers, vault, owners.slice(1, 3), { to: await token.getAddress(), data });
      expect(await token.balanceOf(outsider)).to.equal(200n);
      expect(await token.balanceOf(vault)).to.equal(300n);
    });

    it("accepts ERC-721 safe transfers and sends them out", async function () {
      const { owners, outsider, vault, vaultAddress } = await networkHelpers.loadFixture(twoOfThree);
      const nft = await ethers.deployContract("TestERC721");
      await nft.connect(outsider).mint(7n);
      await nft.connect(outsider)["safeTransferFrom(address,address,uint256)"](outsider.address, vaultAddress, 7n);
      expect(await nft.ownerOf(7n)).to.equal(vaultAddress);

      const data = nft.interface.encodeFunctionData("safeTransferFrom(address,address,uint256)", [vaultAddress, outsider.address, 7n]);
      await executeSigned(ethers, vault, owners.slice(0, 2), { to: await nft.getAddress(), data });
      expect(await nft.ownerOf(7n)).to.equal(outsider.address);
    });

    it("accepts ERC-1155 single and batch transfers and sends them out", async function () {
      const { owners, outsider, vault, vaultAddress } = await networkHelpers.loadFixture(twoOfThree);
      const multi = await ethers.deployContract("TestERC1155");
      await multi.connect(outsider).mint(1n, 10n);
      await multi.connect(outsider).mint(2n, 20n);
      await multi.connect(outsider).safeTransferFrom(outsider.address, vaultAddress, 1n, 10n, "0x");
      await multi.connect(outsider).safeBatchTransferFrom(outsider.address, vaultAddress, [2n], [20n], "0x");
      expect(await multi.balanceOf(vaultAddress, 1n)).to.equal(10n);
      expect(await multi.balanceOf(vaultAddress, 2n)).to.equal(20n);

      const data = multi.interface.encodeFunctionData("safeTransferFrom", [vaultAddress, outsider.address, 1n, 4n, "0x"]);
      await executeSigned(ethers, vault, owners.slice(0, 2), { to: await multi.getAddress(), data });
      expect(await multi.balanceOf(outsider.address, 1n)).to.equal(4n);
    });

    it("advertises ERC-165 and ERC-1155 receiver support", async function () {
      const { vault } = await networkHelpers.loadFixture(twoOfThree);
      expect(await vault.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await vault.supportsInterface("0x4e2312e0")).to.equal(true);
      expect(await vault.supportsInterface("0xffffffff")).to.equal(false);
    });
  });
});
