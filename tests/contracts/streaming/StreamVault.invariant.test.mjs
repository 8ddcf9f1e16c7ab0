// Random operation sequences (seeded, so every failure replays) against a JS model of the vault.
// After every operation, for every stream ever created:
//   withdrawn + withdrawable + refunded + still to stream == deposited
// and the vault's balance of each token equals what its streams still owe.
import { expect } from "chai";
import { network } from "hardhat";
import { DAY, UNIT, RATE_SCALE, deployToken, seededRandom, streamFromReceipt, streamedBetween } from "./helpers.mjs";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const SEEDS = [0x0da0, 0xbeef, 20260101];
const OPERATIONS = 150;

describe("StreamVault invariant (seeded random operations)", function () {
  this.timeout(180_000);

  async function fixture() {
    const signers = await ethers.getSigners();
    const payers = signers.slice(0, 3);
    const recipients = signers.slice(3, 7).map((s) => s.address);
    const tokens = [
      await deployToken(ethers, payers.map((p) => p.address)),
      await deployToken(ethers, payers.map((p) => p.address)),
    ];
    const vault = await ethers.deployContract("StreamVault");
    for (const token of tokens) {
      for (const payer of payers) await token.connect(payer).approve(vault, ethers.MaxUint256);
    }
    return { vault, tokens, payers, recipients };
  }

  for (const seed of SEEDS) {
    it(`holds across ${OPERATIONS} random operations (seed ${seed})`, async function () {
      const { vault, tokens, payers, recipients } = await networkHelpers.loadFixture(fixture);
      const random = seededRandom(seed);
      const streams = []; // model: { key, id, token, stop, settled, deposited, withdrawn, refunded }

      const balanceDelta = async (token, account, action) => {
        const before = await token.balanceOf(account);
        const receipt = await (await action()).wait();
        const block = await ethers.provider.getBlock(receipt.blockNumber);
        return { delta: (await token.balanceOf(account)) - before, receipt, now: BigInt(block.timestamp) };
      };
      const elapsed = (s, t) => t - s.key.startTime;
      const owed = (s) => streamedBetween(s.key.ratePerSecond, elapsed(s, s.settled), elapsed(s, s.stop));

      const operations = {
        async create() {
          const payer = random.pick(payers);
          const token = random.pick(tokens);
          const rate = (BigInt(random.int(1, 5_000)) * UNIT * RATE_SCALE) / BigInt(random.int(1_000, 100 * DAY));
          const duration = random.int(1, 30 * DAY);
          const recipient = random.pick(recipients);
          const { delta, receipt } = await balanceDelta(token, payer.address, () =>
            vault.connect(payer).create(token, recipient, rate, duration),
          );
          const opened = streamFromReceipt(vault, receipt);
          expect(-delta).to.equal(streamedBetween(rate, 0, duration));
          streams.push({
            ...opened, token, payer,
            stop: opened.stopTime, settled: opened.key.startTime,
            deposited: -delta, withdrawn: 0n, refunded: 0n,
          });
        },
        async topUp(s, now) {
          if (now >= s.stop) return false;
          const added = random.int(1, 10 * DAY);
          const { delta } = await balanceDelta(s.token, s.payer.address, () => vault.connect(s.payer).topUp(s.key, added));
          expect(-delta).to.equal(streamedBetween(s.key.ratePerSecond, elapsed(s, s.stop), elapsed(s, s.stop) + BigInt(added)));
          s.stop += BigInt(added);
          s.deposited += -delta;
        },
        async withdraw(s, now) {
          const until = now < s.stop ? now : s.stop;
          if (streamedBetween(s.key.ratePerSecond, elapsed(s, s.settled), elapsed(s, until)) === 0n) return false;
          const result = await balanceDelta(s.token, s.key.recipient, () => vault.withdraw(s.key));
          const paidUntil = result.now < s.stop ? result.now : s.stop;
          expect(result.delta).to.equal(streamedBetween(s.key.ratePerSecond, elapsed(s, s.settled), elapsed(s, paidUntil)));
          s.settled = paidUntil;
          s.withdrawn += result.delta;
        },
        async cancel(s, now) {
          if (now >= s.stop) return false;
          const result = await balanceDelta(s.token, s.payer.address, () => vault.connect(s.payer).cancel(s.key));
          expect(result.delta).to.equal(streamedBetween(s.key.ratePerSecond, elapsed(s, result.now), elapsed(s, s.stop)));
          s.stop = result.now;
          s.refunded += result.delta;
        },
      };

      const executed = { create: 0, topUp: 0, withdraw: 0, cancel: 0 };
      for (let step = 0; step < OPERATIONS; step++) {
        const now = BigInt(await time.latest()) + BigInt(random.int(1, DAY / 2));
        await time.setNextBlockTimestamp(now);
        const name = streams.length === 0 ? "create" : random.pick(["create", "topUp", "withdraw", "withdraw", "cancel"]);
        // Top-ups and cancels target running streams when there are any.
        const running = streams.filter((s) => now < s.stop);
        const candidates = (name === "topUp" || name === "cancel") && running.length ? running : streams;
        const sent = await operations[name](random.pick(candidates.length ? candidates : [null]), now);
        if (sent === false) await networkHelpers.mine(); // keep time moving even when the operation was skipped
        else executed[name] += 1;

        for (const s of streams) {
          const open = s.settled < s.stop && owed(s) > 0n;
          const [withdrawable, unstreamed, state] = await Promise.all([
            vault.withdrawableAmount(s.key), vault.unstreamedAmount(s.key), vault.getStream(s.id),
          ]);
          expect(s.withdrawn + withdrawable + s.refunded + unstreamed, `seed ${seed} step ${step}`).to.equal(s.deposited);
          expect(withdrawable + unstreamed).to.equal(owed(s));
          if (open) {
            expect(state.stopTime).to.equal(s.stop);
            expect(state.settledTime).to.equal(s.settled);
          }
        }
        for (const token of tokens) {
          const owedInToken = streams.filter((s) => s.token === token).reduce((sum, s) => sum + owed(s), 0n);
          expect(await token.balanceOf(vault)).to.equal(owedInToken);
        }
      }
      // The scenario must really have exercised every operation.
      for (const [name, count] of Object.entries(executed)) expect(count, name).to.be.greaterThan(10);
    });
  }
});
