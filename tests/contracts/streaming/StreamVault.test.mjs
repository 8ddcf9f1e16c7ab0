import { expect } from "chai";
import { network } from "hardhat";
import { DAY, UNIT, RATE_SCALE, deployToken, openStream, streamedAfter, streamedBetween } from "./helpers.mjs";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

describe("StreamVault", function () {
  // 1,000 tokens over 10 days: a rate with a fractional part, so rounding is exercised.
  const DURATION = 10 * DAY;
  const RATE = (1_000n * UNIT * RATE_SCALE) / BigInt(DURATION);

  async function fixture() {
    const [payer, recipient, stranger] = await ethers.getSigners();
    const token = await deployToken(ethers, [payer.address, stranger.address]);
    const vault = await ethers.deployContract("StreamVault");
    await token.connect(payer).approve(vault, ethers.MaxUint256);
    await token.connect(stranger).approve(vault, ethers.MaxUint256);
    return { token, vault, payer, recipient, stranger };
  }

  async function streamFixture() {
    const base = await fixture();
    const stream = await openStream(base.vault, base.payer, base.token, base.recipient.address, RATE, DURATION);
    return { ...base, stream };
  }

  const at = (stream, seconds) => time.setNextBlockTimestamp(stream.key.startTime + BigInt(seconds));

  describe("create", function () {
    it("pulls the deposit, stores the stream and emits StreamCreated", async function () {
      const { token, vault, payer, recipient } = await networkHelpers.loadFixture(fixture);
      const deposit = streamedAfter(RATE, DURATION);
      const start = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(start);
      const key = { token: await token.getAddress(), payer: payer.address, recipient: recipient.address, ratePerSecond: RATE, startTime: start };
      const id = await vault.streamIdOf(key);

      const tx = vault.connect(payer).create(token, recipient, RATE, DURATION);
      await expect(tx)
        .to.emit(vault, "StreamCreated")
        .withArgs(id, key.token, payer.address, recipient.address, RATE, start, start + BigInt(DURATION), deposit);
      await expect(tx).to.changeTokenBalances(ethers, token, [payer, vault], [-deposit, deposit]);
      const state = await vault.getStream(id);
      expect(state.stopTime).to.equal(start + BigInt(DURATION));
      expect(state.settledTime).to.equal(start);
      expect(id).to.equal(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(
        ["address", "address", "address", "uint192", "uint40"],
        [key.token, key.payer, key.recipient, key.ratePerSecond, key.startTime],
      )));
    });

    it("never pulls more than rate times duration, and at most one unit less", async function () {
      const { token, vault, payer, recipient } = await networkHelpers.loadFixture(fixture);
      const stream = await openStream(vault, payer, token, recipient.address, RATE, DURATION);
      const exact = RATE * BigInt(DURATION);
      expect(stream.deposit * RATE_SCALE <= exact).to.equal(true);
      expect(exact - stream.deposit * RATE_SCALE < RATE_SCALE).to.equal(true);
      expect(1_000n * UNIT - stream.deposit <= 1n).to.equal(true);
    });

    it("reverts for a zero recipient", async function () {
      const { token, vault, payer } = await networkHelpers.loadFixture(fixture);
      await expect(vault.connect(payer).create(token, ethers.ZeroAddress, RATE, DURATION))
        .to.be.revertedWithCustomError(vault, "ZeroRecipient");
    });

    it("reverts for a zero rate", async function () {
      const { token, vault, payer, recipient } = await networkHelpers.loadFixture(fixture);
      await expect(vault.connect(payer).create(token, recipient, 0, DURATION))
        .to.be.revertedWithCustomError(vault, "ZeroRate");
    });

    it("reverts for a zero duration", async function () {
      const { token, vault, payer, recipient } = await networkHelpers.loadFixture(fixture);
      await expect(vault.connect(payer).create(token, recipient, RATE, 0))
        .to.be.revertedWithCustomError(vault, "ZeroDuration");
    });

    it("reverts when the stream would carry less than one token unit", async function () {
      const { token, vault, payer, recipient } = await networkHelpers.loadFixture(fixture);
      const tinyRate = RATE_SCALE / 1000n; // a thousandth of a unit per second
      await expect(vault.connect(payer).create(token, recipient, tinyRate, 999))
        .to.be.revertedWithCustomError(vault, "ZeroAmount")
        .withArgs(tinyRate, 999);
    });

    it("reverts when the stop time does not fit in 40 bits", async function () {
      const { token, vault, payer, recipient } = await networkHelpers.loadFixture(fixture);
      const start = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(start);
      const duration = (1n << 40n) - 1n;
      await expect(vault.connect(payer).create(token, recipient, 1, duration))
        .to.be.revertedWithCustomError(vault, "StopTimeOverflow")
        .withArgs(start, duration);
    });

    it("reverts when the payer has not approved the deposit", async function () {
      const { token, vault, recipient } = await networkHelpers.loadFixture(fixture);
      const [, , , poor] = await ethers.getSigners();
      await expect(vault.connect(poor).create(token, recipient, RATE, DURATION))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance");
    });
  });

  describe("topUp", function () {
    it("extends the stop time and pulls exactly what streams over the added seconds", async function () {
      const { token, vault, payer, stream } = await networkHelpers.loadFixture(streamFixture);
      const added = 3 * DAY + 7;
      const expected = streamedBetween(RATE, DURATION, DURATION + added);
      await at(stream, DAY);
      const tx = vault.connect(payer).topUp(stream.key, added);
      await expect(tx)
        .to.emit(vault, "StreamToppedUp")
        .withArgs(stream.id, stream.stopTime, stream.stopTime + BigInt(added), expected);
      await expect(tx).to.changeTokenBalances(ethers, token, [payer, vault], [-expected, expected]);
      expect((await vault.getStream(stream.id)).stopTime).to.equal(stream.stopTime + BigInt(added));
    });

    it("reverts for an unknown stream", async function () {
      const { vault, payer, stream } = await networkHelpers.loadFixture(streamFixture);
      const key = { ...stream.key, ratePerSecond: RATE + 1n };
      await expect(vault.connect(payer).topUp(key, DAY))
        .to.be.revertedWithCustomError(vault, "StreamNotFound")
        .withArgs(await vault.streamIdOf(key));
    });

    it("reverts when the caller is not the payer", async function () {
      const { vault, stranger, stream } = await networkHelpers.loadFixture(streamFixture);
      await expect(vault.connect(stranger).topUp(stream.key, DAY))
        .to.be.revertedWithCustomError(vault, "NotPayer")
        .withArgs(stream.id, stranger.address);
    });

    it("reverts for a zero added duration", async function () {
      const { vault, payer, stream } = await networkHelpers.loadFixture(streamFixture);
      await expect(vault.connect(payer).topUp(stream.key, 0)).to.be.revertedWithCustomError(vault, "ZeroDuration");
    });

    it("reverts once the stream has ended", async function () {
      const { vault, payer, stream } = await networkHelpers.loadFixture(streamFixture);
      await at(stream, DURATION);
      await expect(vault.connect(payer).topUp(stream.key, DAY))
        .to.be.revertedWithCustomError(vault, "StreamEnded")
        .withArgs(stream.id, stream.stopTime);
    });

    it("reverts when the new stop time does not fit in 40 bits", async function () {
      const { vault, payer, stream } = await networkHelpers.loadFixture(streamFixture);
      const added = (1n << 40n) - 1n - stream.stopTime + 1n;
      await expect(vault.connect(payer).topUp(stream.key, added))
        .to.be.revertedWithCustomError(vault, "StopTimeOverflow")
        .withArgs(stream.stopTime, added);
    });
  });

  describe("withdraw", function () {
    it("pays the recipient what has streamed, whoever calls", async function () {
      const { token, vault, recipient, stranger, stream } = await networkHelpers.loadFixture(streamFixture);
      const elapsed = 2 * DAY + 13;
      const expected = streamedAfter(RATE, elapsed);
      await at(stream, elapsed);
      const tx = vault.connect(stranger).withdraw(stream.key);
      await expect(tx)
        .to.emit(vault, "Withdrawn")
        .withArgs(stream.id, recipient.address, expected);
      await expect(tx).to.changeTokenBalances(ethers, token, [recipient, stranger, vault], [expected, 0n, -expected]);
      expect((await vault.getStream(stream.id)).settledTime).to.equal(stream.key.startTime + BigInt(elapsed));
    });

    it("pays only the increment on a second withdrawal", async function () {
      const { token, vault, recipient, stream } = await networkHelpers.loadFixture(streamFixture);
      await at(stream, DAY);
      await vault.withdraw(stream.key);
      await at(stream, DAY + 333);
      const expected = streamedBetween(RATE, DAY, DAY + 333);
      await expect(vault.withdraw(stream.key)).to.changeTokenBalance(ethers, token, recipient, expected);
    });

    it("pays the rest after the end and deletes the stream", async function () {
      const { token, vault, recipient, stream } = await networkHelpers.loadFixture(streamFixture);
      await at(stream, DAY);
      await vault.withdraw(stream.key);
      await at(stream, DURATION + DAY);
      const rest = stream.deposit - streamedAfter(RATE, DAY);
      await expect(vault.withdraw(stream.key)).to.changeTokenBalance(ethers, token, recipient, rest);
      const state = await vault.getStream(stream.id);
      expect(state.stopTime).to.equal(0n);
      expect(await token.balanceOf(vault)).to.equal(0n);
      await expect(vault.withdraw(stream.key))
        .to.be.revertedWithCustomError(vault, "StreamNotFound")
        .withArgs(stream.id);
    });

    it("reverts when nothing has streamed since the last withdrawal", async function () {
      const { token, vault, payer, recipient } = await networkHelpers.loadFixture(fixture);
      const slowRate = RATE_SCALE / 10n; // one unit every ten seconds
      const stream = await openStream(vault, payer, token, recipient.address, slowRate, 1000);
      await at(stream, 1);
      await expect(vault.withdraw(stream.key))
        .to.be.revertedWithCustomError(vault, "NothingToWithdraw")
        .withArgs(stream.id);
    });

    it("reverts for an unknown stream", async function () {
      const { vault, stream } = await networkHelpers.loadFixture(streamFixture);
      const key = { ...stream.key, recipient: stream.key.payer };
      await expect(vault.withdraw(key)).to.be.revertedWithCustomError(vault, "StreamNotFound");
    });
  });

  describe("cancel", function () {
    it("refunds the unstreamed part and leaves the streamed part withdrawable", async function () {
      const { token, vault, payer, recipient, stream } = await networkHelpers.loadFixture(streamFixture);
      const elapsed = 4 * DAY + 1;
      const streamed = streamedAfter(RATE, elapsed);
      const refund = stream.deposit - streamed;
      await at(stream, elapsed);
      const cancelTime = stream.key.startTime + BigInt(elapsed);
      const tx = vault.connect(payer).cancel(stream.key);
      await expect(tx)
        .to.emit(vault, "StreamCanceled")
        .withArgs(stream.id, stream.stopTime, cancelTime, refund);
      await expect(tx).to.changeTokenBalances(ethers, token, [payer, vault], [refund, -refund]);
      expect(await vault.withdrawableAmount(stream.key)).to.equal(streamed);
      expect(await vault.unstreamedAmount(stream.key)).to.equal(0n);

      await time.increase(DAY);
      expect(await vault.withdrawableAmount(stream.key)).to.equal(streamed);
      await expect(vault.withdraw(stream.key)).to.changeTokenBalance(ethers, token, recipient, streamed);
      expect(await token.balanceOf(vault)).to.equal(0n);
      expect((await vault.getStream(stream.id)).stopTime).to.equal(0n);
    });

    it("reverts when the caller is not the payer", async function () {
      const { vault, recipient, stream } = await networkHelpers.loadFixture(streamFixture);
      await expect(vault.connect(recipient).cancel(stream.key))
        .to.be.revertedWithCustomError(vault, "NotPayer")
        .withArgs(stream.id, recipient.address);
    });

    it("reverts for an unknown stream", async function () {
      const { vault, payer, stream } = await networkHelpers.loadFixture(streamFixture);
      const key = { ...stream.key, startTime: stream.key.startTime + 1n };
      await expect(vault.connect(payer).cancel(key)).to.be.revertedWithCustomError(vault, "StreamNotFound");
    });

    it("reverts once the stream has ended, and a second time", async function () {
      const { vault, payer, stream } = await networkHelpers.loadFixture(streamFixture);
      await at(stream, DAY);
      await vault.connect(payer).cancel(stream.key);
      await expect(vault.connect(payer).cancel(stream.key))
        .to.be.revertedWithCustomError(vault, "StreamEnded")
        .withArgs(stream.id, stream.key.startTime + BigInt(DAY));
      await expect(vault.connect(payer).topUp(stream.key, DAY)).to.be.revertedWithCustomError(vault, "StreamEnded");
    });
  });

  describe("views", function () {
    it("report withdrawable and unstreamed amounts from the model", async function () {
      const { vault, stream } = await networkHelpers.loadFixture(streamFixture);
      await time.increaseTo(stream.key.startTime + 12345n);
      expect(await vault.withdrawableAmount(stream.key)).to.equal(streamedAfter(RATE, 12345));
      expect(await vault.unstreamedAmount(stream.key)).to.equal(streamedBetween(RATE, 12345, DURATION));
    });

    it("report zero for an unknown stream", async function () {
      const { vault, stream } = await networkHelpers.loadFixture(streamFixture);
      const key = { ...stream.key, ratePerSecond: 1n };
      expect(await vault.withdrawableAmount(key)).to.equal(0n);
      expect(await vault.unstreamedAmount(key)).to.equal(0n);
      expect((await vault.getStream(await vault.streamIdOf(key))).stopTime).to.equal(0n);
    });
  });
});
