// Shared helpers for the streaming and registry tests: units, a seeded PRNG, and an independent
// model of the stream arithmetic that the tests compare the contracts against.

export const DAY = 24 * 60 * 60;
export const UNIT = 10n ** 18n;
export const RATE_SCALE = 10n ** 18n;

/** Cumulative amount a stream of `rate` (scaled by RATE_SCALE) has streamed after `elapsed` seconds. */
export function streamedAfter(rate, elapsed) {
  return (BigInt(rate) * BigInt(elapsed)) / RATE_SCALE;
}

/** Tokens streamed between `from` and `to` seconds after the start. */
export function streamedBetween(rate, from, to) {
  return streamedAfter(rate, to) - streamedAfter(rate, from);
}

/** Deterministic PRNG (mulberry32) so that random scenarios replay exactly from their seed. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max], both inclusive. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** Deploys a TestToken with 18 decimals and mints `amount` to each holder. */
export async function deployToken(ethers, holders = [], amount = 1_000_000n * UNIT) {
  const token = await ethers.deployContract("TestToken", ["Test Token", "TST", 18]);
  for (const holder of holders) await token.mint(holder, amount);
  return token;
}

/** The StreamKey of the stream a `create` receipt opened, plus its id. */
export function streamFromReceipt(vault, receipt) {
  const created = receipt.logs
    .map((log) => vault.interface.parseLog(log))
    .find((parsed) => parsed?.name === "StreamCreated");
  const { streamId, token, payer, recipient, ratePerSecond, startTime, stopTime, deposit } = created.args;
  return { id: streamId, key: { token, payer, recipient, ratePerSecond, startTime }, stopTime, deposit };
}

/** Creates a stream and returns its key, id, start/stop times and deposit. */
export async function openStream(vault, payer, token, recipient, rate, duration) {
  const tx = await vault.connect(payer).create(token, recipient, rate, duration);
  return streamFromReceipt(vault, await tx.wait());
}
