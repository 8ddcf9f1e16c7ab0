// Issue 8, items 3 and 4: a deposit never delays what earlier deposits release, and what is released is
// credited to within one unit per payee whatever the scale of the shares and of the token.
import { expect } from "chai";
import { network } from "hardhat";
import { DAY, UNIT, deployToken, seededRandom } from "./helpers.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const DURATION = 30n * BigInt(DAY);
const BUCKET = DURATION / 32n;

describe("RevenueSplitter schedules and precision (issue 8, items 3 and 4)", function () {
  this.timeout(120_000);

  async function fixture() {
    const [controller, depositor, alice, bob, carol] = await ethers.getSigners();
    const token = await deployToken(ethers, [depositor.address], 10n ** 40n);
    const splitter = await ethers.deployContract("RevenueSplitter", [token, DURATION, controller.address]);
    await token.connect(depositor).approve(splitter, ethers.MaxUint256);
    return { token, splitter, depositor, payees: [alice, bob, carol] };
  }

  /** Everything paid, credited, still to release and waiting undistributed: the books' total. */
  async function books(splitter, token, payees) {
    let total = (await splitter.unreleased()) + (await splitter.undistributed());
    for (const p of payees) total += (await splitter.releasable(p)) + (await token.balanceOf(p));
    return total;
  }

  describe("item 3, the reported scenario: a daily dust deposit", function () {
    it("releases all of a 1,000-token deposit on time, whatever is deposited after it", async function () {
      const { splitter, depositor, payees } = await loadFixture(fixture);
      const [alice] = payees;
      await splitter.setShares(alice, 1);
      const start = (BigInt(await time.latest()) / BUCKET + 1n) * BUCKET;
      await time.setNextBlockTimestamp(start);
      await splitter.connect(depositor).deposit(1_000n * UNIT);
      for (let day = 1; day <= 30; day++) {
        await time.setNextBlockTimestamp(start + BigInt(day * DAY));
        await splitter.connect(depositor).deposit(1n);
      }
      // Before the fix about 638 tokens were released by now, and 47 were still pending at day 90.
      expect(await splitter.releasable(alice)).to.be.at.least(1_000n * UNIT);
      await time.increaseTo(start + 90n * BigInt(DAY));
      expect(await splitter.unreleased()).to.equal(0n);
    });
  });

  describe("item 3, property: each deposit releases on its own schedule", function () {
    it("random deposits at random times never hold back an earlier deposit", async function () {
      const { token, splitter, depositor, payees } = await loadFixture(fixture);
      await splitter.setShares(payees[0], 3);
      await splitter.setShares(payees[1], 5);
      const random = seededRandom(303);
      const deposits = [];
      for (let step = 0; step < 40; step++) {
        const now = BigInt(await time.latest()) + BigInt(random.int(1, 3 * DAY));
        await time.setNextBlockTimestamp(now);
        const amount = BigInt(random.int(1, 1_000_000)) * (random.int(0, 1) ? UNIT : 1n);
        await splitter.connect(depositor).deposit(amount);
        deposits.push({ at: now, amount });
        // Released so far is at least each deposit's own share of its (at most DURATION + BUCKET) period.
        let due = 0n;
        for (const d of deposits) {
          const elapsed = now - d.at;
          due += elapsed >= DURATION + BUCKET ? d.amount : (d.amount * elapsed) / (DURATION + BUCKET);
        }
        const deposited = deposits.reduce((sum, d) => sum + d.amount, 0n);
        const released = (await books(splitter, token, payees)) - (await splitter.unreleased());
        expect(released + BigInt(deposits.length) >= due - 3n, `step ${step}`).to.equal(true);
        expect(released <= deposited).to.equal(true);
      }
    });
  });

  describe("item 4, the reported scenario: 700e18 and 300e18 shares, a 6-decimal amount", function () {
    it("credits what the schedule released, block after block", async function () {
      const { token, splitter, depositor, payees } = await loadFixture(fixture);
      const [alice, bob, carol] = payees;
      await splitter.setShares(alice, 700n * UNIT);
      await splitter.setShares(bob, 300n * UNIT);
      const deposited = 1_000n * 10n ** 6n; // 1,000 tokens of 6 decimals
      await splitter.connect(depositor).deposit(deposited);
      // 50 two-second blocks, each touching the schedule (a controller change of a tiny share).
      for (let block = 0; block < 50; block++) {
        await time.setNextBlockTimestamp((await time.latest()) + 2);
        await splitter.setShares(carol, BigInt(1 + (block % 2)));
      }
      const releasedBySchedule = deposited - (await splitter.unreleased());
      expect(releasedBySchedule).to.be.greaterThan(30_000n);
      const credited = (await splitter.releasable(alice)) + (await splitter.releasable(bob)) + (await splitter.releasable(carol));
      // Before the fix: 0 credited. Now: within one unit per payee (and one for the view's rounding).
      expect(releasedBySchedule - credited).to.be.at.most(4n);
      expect(await books(splitter, token, payees)).to.be.closeTo(deposited, 4n);
    });
  });

  describe("item 4, property: credited + pending + undistributed = deposited, at any scale", function () {
    for (const seed of [41, 42]) {
      it(`random share and amount magnitudes (seed ${seed})`, async function () {
        const { token, splitter, depositor, payees } = await loadFixture(fixture);
        const random = seededRandom(seed);
        const magnitude = () => 10n ** BigInt(random.int(0, 30));
        let deposited = 0n;
        for (let step = 0; step < 50; step++) {
          await time.setNextBlockTimestamp(BigInt(await time.latest()) + BigInt(random.int(1, 2 * DAY)));
          const payee = random.pick(payees);
          const op = random.pick(["deposit", "shares", "release"]);
          if (op === "deposit") {
            const amount = BigInt(random.int(1, 999)) * magnitude();
            await splitter.connect(depositor).deposit(amount);
            deposited += amount;
          } else if (op === "shares") {
            const shares = BigInt(random.int(0, 999)) * magnitude();
            if (shares === (await splitter.sharesOf(payee))) continue;
            await splitter.setShares(payee, shares);
          } else if ((await splitter.releasable(payee)) > 0n) {
            await splitter.release(payee);
          } else {
            continue;
          }
          const total = await books(splitter, token, payees);
          expect(total <= deposited, `step ${step}`).to.equal(true);
          // Less than a unit per payee kept as fractions, and one per view rounding down.
          expect(deposited - total <= BigInt(payees.length) + 2n, `step ${step}`).to.equal(true);
          const paid = (await Promise.all(payees.map((p) => token.balanceOf(p)))).reduce((a, b) => a + b, 0n);
          expect(await token.balanceOf(splitter)).to.equal(deposited - paid);
        }
      });
    }
  });
});
