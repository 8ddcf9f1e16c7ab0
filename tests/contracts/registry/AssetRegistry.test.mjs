import { createHash } from "node:crypto";
import { expect } from "chai";
import { network } from "hardhat";
import { UNIT, deployToken } from "../streaming/helpers.mjs";
import { rawSha256Cid } from "./cid.mjs";

const { ethers, networkHelpers } = await network.create();

const Kind = { Model: 0, Dataset: 1, Code: 2 };

/** Content hash, CID and a metadata URI for some asset bytes. */
function describeAsset(text) {
  const bytes = Buffer.from(text);
  return {
    contentHash: ethers.keccak256(bytes),
    sha256: "0x" + createHash("sha256").update(bytes).digest("hex"),
    cid: rawSha256Cid(bytes),
    uri: `ipfs://meta/${text.length}`,
  };
}

describe("AssetRegistry", function () {
  const model = describeAsset("model weights v1");
  const dataset = describeAsset("training data v1");

  async function fixture() {
    const [creator, other, payer, stranger] = await ethers.getSigners();
    // The creator stands for the trainer who revealed every asset in a training task.
    const authors = await ethers.deployContract("StandInAuthors", [creator.address]);
    const registry = await ethers.deployContract("AssetRegistry", [authors]);
    const token = await deployToken(ethers, [payer.address]);
    await token.connect(payer).approve(registry, ethers.MaxUint256);
    return { registry, token, creator, other, payer, stranger };
  }

  async function registeredFixture() {
    const base = await fixture();
    await base.registry.register(Kind.Model, model.contentHash, model.cid, model.uri);
    return { ...base, tokenId: 1n };
  }

  it("builds CIDs that match IPFS (known vector)", function () {
    expect(rawSha256Cid(Buffer.from("hello world\n"))).to.equal("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
  });

  describe("register", function () {
    it("mints to the caller and records the asset", async function () {
      const { registry, creator } = await networkHelpers.loadFixture(fixture);
      await expect(registry.register(Kind.Model, model.contentHash, model.cid, model.uri))
        .to.emit(registry, "AssetRegistered")
        .withArgs(1n, creator.address, Kind.Model, model.contentHash, model.cid, model.uri)
        .and.to.emit(registry, "Transfer")
        .withArgs(ethers.ZeroAddress, creator.address, 1n);
      expect(await registry.ownerOf(1n)).to.equal(creator.address);
      const asset = await registry.assetOf(1n);
      expect([asset.kind, asset.contentHash, asset.sha256Digest, asset.metadataURI]).to.deep.equal([
        BigInt(Kind.Model), model.contentHash, model.sha256, model.uri,
      ]);
      expect(await registry.cidOf(1n)).to.equal(model.cid);
      expect(await registry.tokenURI(1n)).to.equal(model.uri);
      expect(await registry.tokenOfContent(model.contentHash)).to.equal(1n);
    });

    it("mints to a given owner with registerFor", async function () {
      const { registry, other } = await networkHelpers.loadFixture(fixture);
      await registry.registerFor(other, Kind.Dataset, dataset.contentHash, dataset.cid, dataset.uri);
      expect(await registry.ownerOf(1n)).to.equal(other.address);
      expect((await registry.assetOf(1n)).kind).to.equal(BigInt(Kind.Dataset));
    });

    it("stores the sha2-256 digest of the CID and gives the same CID back", async function () {
      const { registry } = await networkHelpers.loadFixture(fixture);
      // Digests with all-zero and all-one bit patterns at both ends exercise the bit packing.
      const contents = ["", "a", "hello world\n", "x".repeat(1000), "\u0000\u0001\u00ff"];
      for (const [i, text] of contents.entries()) {
        const asset = describeAsset(text);
        await registry.register(Kind.Code, asset.contentHash, asset.cid, asset.uri);
        expect((await registry.assetOf(i + 1)).sha256Digest, text).to.equal(asset.sha256);
        expect(await registry.cidOf(i + 1), text).to.equal(asset.cid);
      }
      await expect(registry.cidOf(99n)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken");
    });

    it("numbers tokens in order", async function () {
      const { registry } = await networkHelpers.loadFixture(registeredFixture);
      const code = describeAsset("training script");
      await registry.register(Kind.Code, code.contentHash, code.cid, code.uri);
      expect(await registry.tokenOfContent(code.contentHash)).to.equal(2n);
    });

    it("rejects content registered before", async function () {
      const { registry } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.register(Kind.Dataset, model.contentHash, model.cid, "ipfs://other"))
        .to.be.revertedWithCustomError(registry, "ContentAlreadyRegistered")
        .withArgs(model.contentHash, 1n);
    });

    it("rejects a zero content hash", async function () {
      const { registry } = await networkHelpers.loadFixture(fixture);
      await expect(registry.register(Kind.Model, ethers.ZeroHash, model.cid, model.uri))
        .to.be.revertedWithCustomError(registry, "ZeroContentHash");
    });

    for (const [label, cid] of [
      ["too short", model.cid.slice(0, -1)],
      ["too long", model.cid + "a"],
      ["a CIDv0", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o" + "aaaaaaaaaaaaa"],
      ["a dag-pb CIDv1", "bafybei" + model.cid.slice(7)],
      ["upper case", model.cid.slice(0, 20) + "A" + model.cid.slice(21)],
      ["outside base32", model.cid.slice(0, 20) + "1" + model.cid.slice(21)],
      ["outside base32 at the end", model.cid.slice(0, -1) + "8"],
      ["not zero in the bits before the digest", "bafkreiz" + model.cid.slice(8)],
      ["not zero in the padding bits", model.cid.slice(0, -1) + "b"],
    ]) {
      it(`rejects a CID that is ${label}`, async function () {
        const { registry } = await networkHelpers.loadFixture(fixture);
        await expect(registry.register(Kind.Model, model.contentHash, cid, model.uri))
          .to.be.revertedWithCustomError(registry, "InvalidCid")
          .withArgs(cid);
      });
    }

    it("rejects an empty metadata URI", async function () {
      const { registry } = await networkHelpers.loadFixture(fixture);
      await expect(registry.register(Kind.Model, model.contentHash, model.cid, ""))
        .to.be.revertedWithCustomError(registry, "EmptyMetadataURI");
    });

    it("rejects the zero owner", async function () {
      const { registry } = await networkHelpers.loadFixture(fixture);
      await expect(registry.registerFor(ethers.ZeroAddress, Kind.Model, model.contentHash, model.cid, model.uri))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("rejects a contract owner that cannot receive ERC-721 tokens", async function () {
      const { registry, token } = await networkHelpers.loadFixture(fixture);
      await expect(registry.registerFor(token, Kind.Model, model.contentHash, model.cid, model.uri))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidReceiver")
        .withArgs(await token.getAddress());
    });
  });

  describe("lookups", function () {
    it("revert for unknown content and tokens", async function () {
      const { registry } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.tokenOfContent(dataset.contentHash))
        .to.be.revertedWithCustomError(registry, "ContentNotRegistered")
        .withArgs(dataset.contentHash);
      await expect(registry.tokenURI(2n)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(2n);
      await expect(registry.assetOf(2n)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(2n);
    });

    it("advertise ERC-721, ERC-721 metadata and ERC-4906", async function () {
      const { registry } = await networkHelpers.loadFixture(fixture);
      for (const id of ["0x80ac58cd", "0x5b5e139f", "0x49064906", "0x01ffc9a7"]) {
        expect(await registry.supportsInterface(id), id).to.equal(true);
      }
      expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("updateMetadataURI", function () {
    it("lets the owner replace the URI", async function () {
      const { registry, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.updateMetadataURI(tokenId, "ipfs://meta/v2"))
        .to.emit(registry, "MetadataURIUpdated")
        .withArgs(tokenId, model.uri, "ipfs://meta/v2")
        .and.to.emit(registry, "MetadataUpdate")
        .withArgs(tokenId);
      expect(await registry.tokenURI(tokenId)).to.equal("ipfs://meta/v2");
      const asset = await registry.assetOf(tokenId);
      expect([asset.kind, asset.contentHash]).to.deep.equal([BigInt(Kind.Model), model.contentHash]);
    });

    it("lets an approved account replace the URI", async function () {
      const { registry, other, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await registry.approve(other, tokenId);
      await registry.connect(other).updateMetadataURI(tokenId, "ipfs://meta/v3");
      expect(await registry.tokenURI(tokenId)).to.equal("ipfs://meta/v3");
    });

    it("rejects anyone else", async function () {
      const { registry, stranger, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.connect(stranger).updateMetadataURI(tokenId, "ipfs://evil"))
        .to.be.revertedWithCustomError(registry, "ERC721InsufficientApproval")
        .withArgs(stranger.address, tokenId);
    });

    it("rejects an empty URI and an unknown token", async function () {
      const { registry, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.updateMetadataURI(tokenId, "")).to.be.revertedWithCustomError(registry, "EmptyMetadataURI");
      await expect(registry.updateMetadataURI(9n, "ipfs://x"))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(9n);
    });
  });

  describe("revenue", function () {
    it("credits ERC-20 revenue to the current owner, who withdraws it", async function () {
      const { registry, token, creator, other, payer, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      const amount = 250n * UNIT;
      const pay = registry.connect(payer).payRevenue(tokenId, token, amount);
      await expect(pay)
        .to.emit(registry, "RevenuePaid")
        .withArgs(tokenId, creator.address, await token.getAddress(), payer.address, amount);
      await expect(pay).to.changeTokenBalances(ethers, token, [payer, registry], [-amount, amount]);
      expect(await registry.revenueOf(creator, token)).to.equal(amount);

      const withdrawal = registry.withdrawRevenue(token, other);
      await expect(withdrawal)
        .to.emit(registry, "RevenueWithdrawn")
        .withArgs(creator.address, await token.getAddress(), other.address, amount);
      await expect(withdrawal).to.changeTokenBalances(ethers, token, [other, registry], [amount, -amount]);
      expect(await registry.revenueOf(creator, token)).to.equal(0n);
    });

    it("follows the token: revenue after a transfer goes to the new owner", async function () {
      const { registry, token, creator, other, payer, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await registry.connect(payer).payRevenue(tokenId, token, 10n);
      await registry.transferFrom(creator, other, tokenId);
      await registry.connect(payer).payRevenue(tokenId, token, 30n);
      expect(await registry.revenueOf(creator, token)).to.equal(10n);
      expect(await registry.revenueOf(other, token)).to.equal(30n);
    });

    it("credits ETH revenue and pays it to a chosen address", async function () {
      const { registry, creator, other, payer, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      const eth = await registry.ETH();
      await expect(registry.connect(payer).payRevenueETH(tokenId, { value: 1_000n }))
        .to.emit(registry, "RevenuePaid")
        .withArgs(tokenId, creator.address, eth, payer.address, 1_000n);
      expect(await registry.revenueOf(creator, eth)).to.equal(1_000n);
      const withdrawal = registry.withdrawRevenueETH(other);
      await expect(withdrawal).to.emit(registry, "RevenueWithdrawn").withArgs(creator.address, eth, other.address, 1_000n);
      await expect(withdrawal).to.changeEtherBalances(ethers, [other, registry], [1_000n, -1_000n]);
    });

    it("keeps ETH credited when the destination refuses it, so another destination can be chosen", async function () {
      const { registry, token, creator, payer, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await registry.connect(payer).payRevenueETH(tokenId, { value: 5n });
      await expect(registry.withdrawRevenueETH(token)).to.be.revertedWithCustomError(registry, "FailedCall");
      expect(await registry.revenueOf(creator, ethers.ZeroAddress)).to.equal(5n);
      await expect(registry.withdrawRevenueETH(creator)).to.changeEtherBalance(ethers, creator, 5n);
    });

    it("rejects zero amounts", async function () {
      const { registry, token, payer, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.connect(payer).payRevenue(tokenId, token, 0)).to.be.revertedWithCustomError(registry, "ZeroAmount");
      await expect(registry.connect(payer).payRevenueETH(tokenId)).to.be.revertedWithCustomError(registry, "ZeroAmount");
    });

    it("rejects payments to unknown tokens", async function () {
      const { registry, token, payer } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.connect(payer).payRevenue(7n, token, 1n))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(7n);
      await expect(registry.connect(payer).payRevenueETH(7n, { value: 1n }))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(7n);
    });

    it("rejects a payer without allowance", async function () {
      const { registry, token, stranger, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.connect(stranger).payRevenue(tokenId, token, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance");
    });

    it("rejects withdrawals of nothing and to the zero address", async function () {
      const { registry, token, creator, payer, tokenId } = await networkHelpers.loadFixture(registeredFixture);
      await expect(registry.withdrawRevenue(token, creator))
        .to.be.revertedWithCustomError(registry, "NothingToWithdraw")
        .withArgs(creator.address, await token.getAddress());
      await expect(registry.withdrawRevenueETH(creator))
        .to.be.revertedWithCustomError(registry, "NothingToWithdraw")
        .withArgs(creator.address, ethers.ZeroAddress);
      await registry.connect(payer).payRevenue(tokenId, token, 1n);
      await expect(registry.withdrawRevenue(token, ethers.ZeroAddress)).to.be.revertedWithCustomError(registry, "ZeroAddress");
      await expect(registry.withdrawRevenueETH(ethers.ZeroAddress)).to.be.revertedWithCustomError(registry, "ZeroAddress");
    });
  });
});
