import { expect } from "chai";
import { network } from "hardhat";
import { DAY, UNIT, deployToken, seededRandom } from "./helpers.mjs";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const PRECISION = 10n ** 18n;
const DURATION = 30n * BigInt(DAY);

const ACCUMULATOR_SCALE = PRECISION * PRECISION;
const BUCKET = DURATION / 32n;

/**
 * Independent JS model of the splitter: every deposit on its own schedule, from its deposit time to the
 * end of the bucket where deposit time + DURATION falls; released revenue divided among the shares with
 * the remainder carried; payees' accruals kept in ACCUMULATOR_SCALE units.
 */
class SplitterModel {
  deposits = []; // { start, finish, rate }
  lastUpdate = 0n;
  perShare = 0n;
  pending = 0n;
  totalShares = 0n;
  payees = new Map();

  payee(account) {
    if (!this.payees.has(account)) this.payees.set(account, { shares: 0n, accrued: 0n, paid: 0n });
    return this.payees.get(account);
  }

  releasedBetween(from, to) {
    let released = 0n;
    for (const d of this.deposits) {
      const a = from > d.start ? from : d.start;
      const b = to < d.finish ? to : d.finish;
      if (b > a) released += d.rate * (b - a);
    }
    return released;
  }

  update(now) {
    if (now === this.lastUpdate) return;
    this.pending += this.releasedBetween(this.lastUpdate, now) * PRECISION;
    if (this.totalShares !== 0n) {
      this.perShare += this.pending / this.totalShares;
      this.pending %= this.totalShares;
    }
    this.lastUpdate = now;
  }

  settle(account) {
    const p = this.payee(account);
    p.accrued += p.shares * (this.perShare - p.paid);
    p.paid = this.perShare;
    return p;
  }

  deposit(amount, now) {
    this.update(now);
    const finish = ((now + DURATION + BUCKET - 1n) / BUCKET) * BUCKET;
    const rate = (amount * PRECISION) / (finish - now);
    this.deposits.push({ start: now, finish, rate });
    this.pending += (amount * PRECISION - rate * (finish - now)) * PRECISION;
  }

  setShares(account, shares, now) {
    this.update(now);
    const p = this.settle(account);
    this.totalShares += shares - p.shares;
    p.shares = shares;
  }

  release(account, now) {
    this.update(now);
    const p = this.settle(account);
    const amount = p.accrued / ACCUMULATOR_SCALE;
    p.accrued -= amount * ACCUMULATOR_SCALE;
    return amount;
  }
}

/** The first timestamp after the latest block that starts a release bucket: deposits there release over exactly DURATION. */
async function nextBucketStart() {
  return (BigInt(await time.latest()) / BUCKET + 1n) * BUCKET;
}

describe("RevenueSplitter", function () {
  async function fixture() {
    const [controller, depositor, alice, bob, carol, stranger] = await ethers.getSigners();
    const token = await deployToken(ethers, [depositor.address]);
    const splitter = await ethers.deployContract("RevenueSplitter", [token, DURATION, controller.address]);
    await token.connect(depositor).approve(splitter, ethers.MaxUint256);
    return { token, splitter, controller, depositor, alice, bob, carol, stranger };
  }

  /** Runs `action` in a block mined exactly at `timestamp`. */
  async function atTime(timestamp, action) {
    await time.setNextBlockTimestamp(timestamp);
    return action();
  }

  describe("constructor", function () {
    it("stores the token, duration and controller", async function () {
      const { token, splitter, controller } = await networkHelpers.loadFixture(fixture);
      expect(await splitter.revenueToken()).to.equal(await token.getAddress());
      expect(await splitter.releaseDuration()).to.equal(DURATION);
      expect(await splitter.owner()).to.equal(controller.address);
    });

    it("reverts for a zero token", async function () {
      const { splitter, controller } = await networkHelpers.loadFixture(fixture);
      await expect(ethers.deployContract("RevenueSplitter", [ethers.ZeroAddress, DURATION, controller.address]))
        .to.be.revertedWithCustomError(splitter, "ZeroAddress");
    });

    it("reverts for a zero release duration", async function () {
      const { token, splitter, controller } = await networkHelpers.loadFixture(fixture);
      await expect(ethers.deployContract("RevenueSplitter", [token, 0, controller.address]))
        .to.be.revertedWithCustomError(splitter, "ZeroDuration");
    });

    it("reverts for a zero controller", async function () {
      const { token, splitter } = await networkHelpers.loadFixture(fixture);
      await expect(ethers.deployContract("RevenueSplitter", [token, DURATION, ethers.ZeroAddress]))
        .to.be.revertedWithCustomError(splitter, "OwnableInvalidOwner")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("setShares", function () {
    it("sets shares and the total, emitting old and new values", async function () {
      const { splitter, alice, bob } = await networkHelpers.loadFixture(fixture);
      await expect(splitter.setShares(alice, 100)).to.emit(splitter, "SharesChanged").withArgs(alice.address, 0, 100, 100);
      await expect(splitter.setShares(bob, 50)).to.emit(splitter, "SharesChanged").withArgs(bob.address, 0, 50, 150);
      await expect(splitter.setShares(alice, 10)).to.emit(splitter, "SharesChanged").withArgs(alice.address, 100, 10, 60);
      expect(await splitter.sharesOf(alice)).to.equal(10n);
      expect(await splitter.totalShares()).to.equal(60n);
    });

    it("reverts for anyone but the controller", async function () {
      const { splitter, alice, stranger } = await networkHelpers.loadFixture(fixture);
      await expect(splitter.connect(stranger).setShares(alice, 1))
        .to.be.revertedWithCustomError(splitter, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
    });

    it("reverts for the zero address", async function () {
      const { splitter } = await networkHelpers.loadFixture(fixture);
      await expect(splitter.setShares(ethers.ZeroAddress, 1)).to.be.revertedWithCustomError(splitter, "ZeroAddress");
    });

    it("reverts when the shares do not change", async function () {
      const { splitter, alice } = await networkHelpers.loadFixture(fixture);
      await expect(splitter.setShares(alice, 0))
        .to.be.revertedWithCustomError(splitter, "SharesUnchanged")
        .withArgs(alice.address, 0);
    });
  });

  describe("deposit", function () {
    it("pulls the revenue and starts releasing it over the release duration", async function () {
      const { token, splitter, depositor } = await networkHelpers.loadFixture(fixture);
      const amount = 1_000n * UNIT;
      const now = await nextBucketStart();
      const tx = await atTime(now, () => splitter.connect(depositor).deposit(amount));
      await expect(tx)
        .to.emit(splitter, "RevenueDeposited")
        .withArgs(depositor.address, amount, 0, (amount * PRECISION) / DURATION, now + DURATION);
      await expect(tx).to.changeTokenBalances(ethers, token, [depositor, splitter], [-amount, amount]);
      const [rate, lastUpdateTime, periodFinish] = await splitter.releaseSchedule();
      expect([rate, lastUpdateTime, periodFinish]).to.deep.equal([(amount * PRECISION) / DURATION, now, now + DURATION]);
    });

    it("keeps an earlier deposit on its own schedule", async function () {
      const { splitter, depositor, alice } = await networkHelpers.loadFixture(fixture);
      await splitter.setShares(alice, 1);
      const start = await nextBucketStart();
      await atTime(start, () => splitter.connect(depositor).deposit(1_000n * UNIT));
      const firstRate = (1_000n * UNIT * PRECISION) / DURATION;
      const later = start + DURATION / 4n;
      const secondRate = (500n * UNIT * PRECISION) / DURATION;
      await expect(atTime(later, () => splitter.connect(depositor).deposit(500n * UNIT)))
        .to.emit(splitter, "RevenueDeposited")
        .withArgs(depositor.address, 500n * UNIT, firstRate, firstRate + secondRate, later + DURATION);
      // A quarter of the first deposit was released; the rest plus the new deposit are pending.
      expect(await splitter.unreleased()).to.be.closeTo(1_250n * UNIT, 1n);
    });

    it("reverts for a zero amount", async function () {
      const { splitter, depositor } = await networkHelpers.loadFixture(fixture);
      await expect(splitter.connect(depositor).deposit(0)).to.be.revertedWithCustomError(splitter, "ZeroAmount");
    });

    it("reverts when the depositor has not approved the amount", async function () {
      const { token, splitter, stranger } = await networkHelpers.loadFixture(fixture);
      await expect(splitter.connect(stranger).deposit(1)).to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance");
    });
  });

  describe("release", function () {
    async function splitFixture() {
      const base = await fixture();
      await base.splitter.setShares(base.alice, 1);
      await base.splitter.setShares(base.bob, 3);
      const start = await nextBucketStart();
      await atTime(start, () => base.splitter.connect(base.depositor).deposit(1_000n * UNIT));
      return { ...base, start };
    }

    it("releases revenue by shares and per second", async function () {
      const { splitter, alice, bob, start } = await networkHelpers.loadFixture(splitFixture);
      await time.increaseTo(start + DURATION / 2n);
      expect(await splitter.releasable(alice)).to.be.closeTo(125n * UNIT, 1n);
      expect(await splitter.releasable(bob)).to.be.closeTo(375n * UNIT, 1n);
      await time.increaseTo(start + 2n * DURATION);
      expect(await splitter.releasable(alice)).to.be.closeTo(250n * UNIT, 1n);
      expect(await splitter.releasable(bob)).to.be.closeTo(750n * UNIT, 1n);
      expect(await splitter.unreleased()).to.equal(0n);
    });

    it("pays the payee whoever calls, and only once", async function () {
      const { token, splitter, alice, stranger, start } = await networkHelpers.loadFixture(splitFixture);
      await time.increaseTo(start + DURATION);
      const expected = await splitter.releasable(alice); // the period is over: the amount is final
      expect(expected).to.be.closeTo(250n * UNIT, 1n);
      const tx = splitter.connect(stranger).release(alice);
      await expect(tx).to.emit(splitter, "Released").withArgs(alice.address, expected);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, stranger, splitter], [expected, 0n, -expected]);
      await expect(splitter.release(alice))
        .to.be.revertedWithCustomError(splitter, "NothingToRelease")
        .withArgs(alice.address);
    });

    it("reverts for an account without shares", async function () {
      const { splitter, carol } = await networkHelpers.loadFixture(splitFixture);
      await expect(splitter.release(carol)).to.be.revertedWithCustomError(splitter, "NothingToRelease").withArgs(carol.address);
    });

    it("settles a payee at its old shares before changing them", async function () {
      const { splitter, alice, bob, start } = await networkHelpers.loadFixture(splitFixture);
      // Half the period at 1:3, then bob goes to 1 share: 1:1 for the second half.
      await atTime(start + DURATION / 2n, () => splitter.setShares(bob, 1));
      await time.increaseTo(start + DURATION);
      expect(await splitter.releasable(alice)).to.be.closeTo(125n * UNIT + 250n * UNIT, 2n);
      expect(await splitter.releasable(bob)).to.be.closeTo(375n * UNIT + 250n * UNIT, 2n);
    });

    it("keeps what a removed payee accrued and stops its accrual", async function () {
      const { splitter, alice, bob, start } = await networkHelpers.loadFixture(splitFixture);
      await atTime(start + DURATION / 2n, () => splitter.setShares(bob, 0));
      await time.increaseTo(start + DURATION);
      expect(await splitter.releasable(bob)).to.be.closeTo(375n * UNIT, 1n);
      expect(await splitter.releasable(alice)).to.be.closeTo(125n * UNIT + 500n * UNIT, 1n);
    });

    it("holds what is released while nobody has shares for the next payees", async function () {
      const { splitter, depositor, alice } = await networkHelpers.loadFixture(fixture);
      await splitter.connect(depositor).deposit(600n * UNIT);
      await time.increase(2n * DURATION);
      expect(await splitter.unreleased()).to.equal(0n);
      expect(await splitter.undistributed()).to.be.closeTo(600n * UNIT, 1n);
      await splitter.setShares(alice, 7);
      await time.increase(1);
      expect(await splitter.releasable(alice)).to.be.closeTo(600n * UNIT, 1n);
      expect(await splitter.undistributed()).to.equal(0n);
    });
  });

  describe("seeded random operations", function () {
    this.timeout(120_000);

    for (const seed of [7, 4242]) {
      it(`match the model and never pay out more than deposited (seed ${seed})`, async function () {
        const { token, splitter, depositor, alice, bob, carol } = await networkHelpers.loadFixture(fixture);
        const payees = [alice, bob, carol];
        const random = seededRandom(seed);
        const model = new SplitterModel();
        let deposited = 0n;
        let released = 0n;
        let settlements = 0n;

        for (let step = 0; step < 80; step++) {
          const now = BigInt(await time.latest()) + BigInt(random.int(1, 10 * DAY));
          await time.setNextBlockTimestamp(now);
          const op = random.pick(["deposit", "setShares", "release", "release"]);
          const payee = random.pick(payees);
          if (op === "deposit") {
            const amount = BigInt(random.int(1, 10_000)) * UNIT + BigInt(random.int(0, 999));
            await splitter.connect(depositor).deposit(amount);
            model.deposit(amount, now);
            deposited += amount;
          } else if (op === "setShares") {
            const shares = BigInt(random.int(0, 5));
            if (shares === model.payee(payee.address).shares) {
              await networkHelpers.mine();
              continue;
            }
            await splitter.setShares(payee, shares);
            model.setShares(payee.address, shares, now);
            settlements += 1n;
          } else {
            const expected = model.release(payee.address, now);
            settlements += 1n;
            if (expected === 0n) {
              // Rejected at gas estimation, so nothing is mined: mine the block to keep time moving.
              await expect(splitter.release(payee)).to.be.revertedWithCustomError(splitter, "NothingToRelease");
              await networkHelpers.mine();
              continue;
            }
            await expect(splitter.release(payee)).to.changeTokenBalance(ethers, token, payee, expected);
            released += expected;
          }

          let releasable = 0n;
          for (const p of payees) {
            const onChain = await splitter.releasable(p);
            releasable += onChain;
          }
          const outstanding = released + releasable + (await splitter.unreleased()) + (await splitter.undistributed());
          // Invariant: paid + credited + pending + undistributed = deposited, less than one unit per payee
          // (the fractions they keep) and one per view (each rounds down).
          expect(outstanding <= deposited, `step ${step}`).to.equal(true);
          expect(deposited - outstanding <= BigInt(payees.length) + 2n, `step ${step}`).to.equal(true);
          for (const p of payees) {
            const m = model.payee(p.address);
            // The view also divides what waits undistributed among the shares that exist now.
            const perShare = model.perShare + (model.totalShares === 0n ? 0n : model.pending / model.totalShares);
            const modelled = (m.accrued + m.shares * (perShare - m.paid)) / ACCUMULATOR_SCALE;
            if (model.lastUpdate === now) expect(await splitter.releasable(p), `step ${step}`).to.be.closeTo(modelled, 1n);
          }
          expect(await token.balanceOf(splitter)).to.equal(deposited - released);
        }
        expect(released > 0n).to.equal(true);
      });
    }
  });
});
