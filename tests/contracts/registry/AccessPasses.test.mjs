import { expect } from "chai";
import { network } from "hardhat";
import { UNIT, deployToken } from "../streaming/helpers.mjs";
import { rawSha256Cid } from "./cid.mjs";

const { ethers, networkHelpers } = await network.create();

const Kind = { Model: 0, Dataset: 1 };
const DAY = 86_400n;
const PRICE = 10n ** 16n;

describe("AccessPasses", function () {
  async function fixture() {
    const [owner, buyer, holder, service, stranger] = await ethers.getSigners();
    const authors = await ethers.deployContract("StandInAuthors", [owner.address]);
    const registry = await ethers.deployContract("AssetRegistry", [authors]);
    const bytes = Buffer.from("a dataset only pass holders may read");
    await registry.register(Kind.Dataset, ethers.keccak256(bytes), rawSha256Cid(bytes), "ipfs://meta/dataset");
    const passes = await ethers.deployContract("AccessPasses", [registry, "https://passes.example/{id}.json"]);
    const token = await deployToken(ethers, [buyer.address]);
    await token.connect(buyer).approve(passes, ethers.MaxUint256);
    return { registry, passes, token, owner, buyer, holder, service, stranger, assetId: 1n };
  }

  /** A fixture with an ETH duration pass (id 1) and an ERC-20 uses pass (id 2) on sale. */
  async function offeredFixture() {
    const base = await fixture();
    await base.passes.offer(base.assetId, ethers.ZeroAddress, PRICE, 30n * DAY, 0);
    await base.passes.offer(base.assetId, base.token, 5n * UNIT, 0, 3);
    await base.passes.setConsumer(base.assetId, base.service, true);
    return { ...base, durationPass: 1n, usesPass: 2n };
  }

  describe("offer", function () {
    it("records the terms and emits TermsOffered", async function () {
      const { passes, token, assetId } = await networkHelpers.loadFixture(fixture);
      await expect(passes.offer(assetId, token, 7n, 0, 5))
        .to.emit(passes, "TermsOffered")
        .withArgs(1n, assetId, await token.getAddress(), 7n, 0n, 5n);
      const terms = await passes.termsOf(1n);
      expect([terms.assetId, terms.paymentToken, terms.price, terms.duration, terms.uses, terms.onSale]).to.deep.equal([
        assetId, await token.getAddress(), 7n, 0n, 5n, true,
      ]);
    });

    it("gives each set of terms its own pass id", async function () {
      const { passes, assetId } = await networkHelpers.loadFixture(fixture);
      await passes.offer(assetId, ethers.ZeroAddress, PRICE, DAY, 0);
      await expect(passes.offer(assetId, ethers.ZeroAddress, 2n * PRICE, DAY, 0))
        .to.emit(passes, "TermsOffered").withArgs(2n, assetId, ethers.ZeroAddress, 2n * PRICE, DAY, 0n);
    });

    it("lets an operator the owner approved in the registry offer", async function () {
      const { registry, passes, stranger, assetId } = await networkHelpers.loadFixture(fixture);
      await registry.approve(stranger, assetId);
      await expect(passes.connect(stranger).offer(assetId, ethers.ZeroAddress, PRICE, DAY, 0)).to.emit(passes, "TermsOffered");
    });

    it("refuses anyone but the asset's owner", async function () {
      const { passes, stranger, assetId } = await networkHelpers.loadFixture(fixture);
      await expect(passes.connect(stranger).offer(assetId, ethers.ZeroAddress, PRICE, DAY, 0))
        .to.be.revertedWithCustomError(passes, "NotAssetOwner").withArgs(assetId, stranger.address);
    });

    it("refuses terms with neither or both of duration and uses", async function () {
      const { passes, assetId } = await networkHelpers.loadFixture(fixture);
      await expect(passes.offer(assetId, ethers.ZeroAddress, PRICE, 0, 0))
        .to.be.revertedWithCustomError(passes, "InvalidTermsKind").withArgs(0n, 0n);
      await expect(passes.offer(assetId, ethers.ZeroAddress, PRICE, DAY, 2))
        .to.be.revertedWithCustomError(passes, "InvalidTermsKind").withArgs(DAY, 2n);
    });

    it("refuses a zero price and an unknown asset", async function () {
      const { registry, passes } = await networkHelpers.loadFixture(fixture);
      await expect(passes.offer(1n, ethers.ZeroAddress, 0n, DAY, 0)).to.be.revertedWithCustomError(passes, "ZeroPrice");
      await expect(passes.offer(9n, ethers.ZeroAddress, PRICE, DAY, 0))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(9n);
    });
  });

  describe("buy", function () {
    it("mints a duration pass and credits the ETH price to the asset's owner in the registry", async function () {
      const { registry, passes, owner, buyer, holder, durationPass, assetId } = await networkHelpers.loadFixture(offeredFixture);
      await expect(passes.connect(buyer).buy(durationPass, 2n, holder, { value: 2n * PRICE }))
        .to.emit(passes, "PassesBought")
        .withArgs(durationPass, assetId, buyer.address, holder.address, 2n, 2n, ethers.ZeroAddress, 2n * PRICE, 2n * PRICE)
        .and.to.emit(registry, "RevenuePaid").withArgs(assetId, owner.address, ethers.ZeroAddress, await passes.getAddress(), 2n * PRICE)
        .and.to.emit(passes, "TransferSingle").withArgs(buyer.address, ethers.ZeroAddress, holder.address, durationPass, 2n);
      expect(await passes.balanceOf(holder, durationPass)).to.equal(2n);
      expect(await registry.revenueOf(owner, ethers.ZeroAddress)).to.equal(2n * PRICE);
      expect(await ethers.provider.getBalance(passes)).to.equal(0n);
    });

    it("mints uses × quantity units of a uses pass paid in an ERC-20", async function () {
      const { registry, passes, token, owner, buyer, usesPass } = await networkHelpers.loadFixture(offeredFixture);
      await expect(passes.connect(buyer).buy(usesPass, 2n, buyer)).to.changeTokenBalances(
        ethers, token, [buyer, registry], [-10n * UNIT, 10n * UNIT],
      );
      expect(await passes.balanceOf(buyer, usesPass)).to.equal(6n);
      expect(await registry.revenueOf(owner, token)).to.equal(10n * UNIT);
      expect(await token.allowance(passes, registry)).to.equal(0n);
    });

    it("credits what a fee-on-transfer token delivered", async function () {
      const { registry, passes, owner, buyer, assetId } = await networkHelpers.loadFixture(fixture);
      const fee = await ethers.deployContract("FeeToken", [100]); // 1 % per transfer
      await fee.mint(buyer, 1000n);
      await fee.connect(buyer).approve(passes, ethers.MaxUint256);
      await passes.offer(assetId, fee, 1000n, 0, 1);
      // 1000 sent, 990 reach the passes contract, 980.1 → 981 reach the registry (fee rounds down).
      await expect(passes.connect(buyer).buy(1n, 1n, buyer))
        .to.emit(passes, "PassesBought").withArgs(1n, assetId, buyer.address, buyer.address, 1n, 1n, await fee.getAddress(), 1000n, 990n);
      expect(await registry.revenueOf(owner, fee)).to.equal(981n);
      expect(await fee.balanceOf(registry)).to.equal(981n);
      expect(await fee.balanceOf(passes)).to.equal(0n);
    });

    it("pays whoever owns the asset when the pass is bought", async function () {
      const { registry, passes, owner, buyer, stranger, durationPass, assetId } = await networkHelpers.loadFixture(offeredFixture);
      await registry.transferFrom(owner, stranger, assetId);
      await passes.connect(buyer).buy(durationPass, 1n, buyer, { value: PRICE });
      expect(await registry.revenueOf(stranger, ethers.ZeroAddress)).to.equal(PRICE);
      expect(await registry.revenueOf(owner, ethers.ZeroAddress)).to.equal(0n);
    });

    it("refuses a wrong ETH amount, and ETH with an ERC-20 price", async function () {
      const { passes, buyer, durationPass, usesPass } = await networkHelpers.loadFixture(offeredFixture);
      await expect(passes.connect(buyer).buy(durationPass, 2n, buyer, { value: PRICE }))
        .to.be.revertedWithCustomError(passes, "WrongPayment").withArgs(2n * PRICE, PRICE);
      await expect(passes.connect(buyer).buy(usesPass, 1n, buyer, { value: 1n }))
        .to.be.revertedWithCustomError(passes, "WrongPayment").withArgs(0n, 1n);
    });

    it("refuses an unknown pass, a zero quantity, the zero address and a closed sale", async function () {
      const { passes, buyer, durationPass } = await networkHelpers.loadFixture(offeredFixture);
      await expect(passes.connect(buyer).buy(9n, 1n, buyer)).to.be.revertedWithCustomError(passes, "UnknownPass").withArgs(9n);
      await expect(passes.connect(buyer).buy(durationPass, 0n, buyer)).to.be.revertedWithCustomError(passes, "ZeroQuantity");
      await expect(passes.connect(buyer).buy(durationPass, 1n, ethers.ZeroAddress, { value: PRICE }))
        .to.be.revertedWithCustomError(passes, "ZeroAddress");
      await expect(passes.setOnSale(durationPass, false)).to.emit(passes, "SaleStateChanged").withArgs(durationPass, true, false);
      await expect(passes.connect(buyer).buy(durationPass, 1n, buyer, { value: PRICE }))
        .to.be.revertedWithCustomError(passes, "NotOnSale").withArgs(durationPass);
      await expect(passes.setOnSale(durationPass, false))
        .to.be.revertedWithCustomError(passes, "SaleStateUnchanged").withArgs(durationPass, false);
    });

    it("refuses a contract buyer-for that does not accept ERC-1155 tokens", async function () {
      const { registry, passes, buyer, durationPass } = await networkHelpers.loadFixture(offeredFixture);
      await expect(passes.connect(buyer).buy(durationPass, 1n, registry, { value: PRICE }))
        .to.be.revertedWithCustomError(passes, "ERC1155InvalidReceiver");
    });
  });

  describe("consume", function () {
    it("burns one use per call by an authorized consumer, until none is left", async function () {
      const { passes, buyer, service, usesPass } = await networkHelpers.loadFixture(offeredFixture);
      await passes.connect(buyer).buy(usesPass, 1n, buyer);
      for (const left of [2n, 1n, 0n]) {
        await expect(passes.connect(service).consume(buyer, usesPass))
          .to.emit(passes, "PassUsed").withArgs(usesPass, buyer.address, service.address, left, 0n);
      }
      expect(await passes.canAccess(buyer, usesPass)).to.equal(false);
      await expect(passes.connect(service).consume(buyer, usesPass))
        .to.be.revertedWithCustomError(passes, "NoPassLeft").withArgs(usesPass, buyer.address);
    });

    it("opens a duration pass for its duration on first use, once", async function () {
      const { passes, buyer, service, durationPass } = await networkHelpers.loadFixture(offeredFixture);
      await passes.connect(buyer).buy(durationPass, 2n, buyer, { value: 2n * PRICE });
      const until = BigInt(await networkHelpers.time.latest()) + 1n + 30n * DAY;
      await expect(passes.connect(service).consume(buyer, durationPass))
        .to.emit(passes, "PassUsed").withArgs(durationPass, buyer.address, service.address, 1n, until);
      expect(await passes.accessUntil(buyer, durationPass)).to.equal(until);
      await expect(passes.connect(service).consume(buyer, durationPass))
        .to.be.revertedWithCustomError(passes, "AccessStillOpen").withArgs(durationPass, buyer.address, until);
      await networkHelpers.time.increaseTo(until);
      expect(await passes.canAccess(buyer, durationPass)).to.equal(true); // one unit left to open
      await expect(passes.connect(service).consume(buyer, durationPass)).to.emit(passes, "PassUsed");
      const second = await passes.accessUntil(buyer, durationPass);
      await networkHelpers.time.increaseTo(second - 1n);
      expect(await passes.canAccess(buyer, durationPass)).to.equal(true);
      await networkHelpers.time.increaseTo(second);
      expect(await passes.canAccess(buyer, durationPass)).to.equal(false);
    });

    it("lets the holder use its own pass", async function () {
      const { passes, buyer, usesPass } = await networkHelpers.loadFixture(offeredFixture);
      await passes.connect(buyer).buy(usesPass, 1n, buyer);
      await expect(passes.connect(buyer).consume(buyer, usesPass)).to.emit(passes, "PassUsed").withArgs(usesPass, buyer.address, buyer.address, 2n, 0n);
    });

    it("refuses a stranger and a consumer the owner withdrew", async function () {
      const { passes, buyer, service, stranger, usesPass, assetId } = await networkHelpers.loadFixture(offeredFixture);
      await passes.connect(buyer).buy(usesPass, 1n, buyer);
      await expect(passes.connect(stranger).consume(buyer, usesPass))
        .to.be.revertedWithCustomError(passes, "NotConsumer").withArgs(usesPass, buyer.address, stranger.address);
      await expect(passes.setConsumer(assetId, service, false)).to.emit(passes, "ConsumerChanged").withArgs(assetId, service.address, true, false);
      await expect(passes.connect(service).consume(buyer, usesPass)).to.be.revertedWithCustomError(passes, "NotConsumer");
      await expect(passes.connect(stranger).setConsumer(assetId, stranger, true))
        .to.be.revertedWithCustomError(passes, "NotAssetOwner").withArgs(assetId, stranger.address);
    });
  });

  describe("transfer", function () {
    it("moves the access: the old holder loses it, the new one gains it", async function () {
      const { passes, buyer, holder, service, usesPass } = await networkHelpers.loadFixture(offeredFixture);
      await passes.connect(buyer).buy(usesPass, 1n, buyer);
      await passes.connect(buyer).safeTransferFrom(buyer, holder, usesPass, 3n, "0x");
      expect(await passes.canAccess(buyer, usesPass)).to.equal(false);
      expect(await passes.canAccess(holder, usesPass)).to.equal(true);
      await expect(passes.connect(service).consume(buyer, usesPass)).to.be.revertedWithCustomError(passes, "NoPassLeft");
      await expect(passes.connect(service).consume(holder, usesPass)).to.emit(passes, "PassUsed");
    });

    it("lets a multisig vault hold passes", async function () {
      const { passes, buyer, owner, holder, durationPass } = await networkHelpers.loadFixture(offeredFixture);
      const vault = await ethers.deployContract("MultisigVault", [[owner.address, holder.address], 1]);
      await passes.connect(buyer).buy(durationPass, 1n, vault, { value: PRICE });
      expect(await passes.balanceOf(vault, durationPass)).to.equal(1n);
    });
  });
});
