// Gas measurement helpers for scripts/bench/*.mjs: gasUsed from receipts, printed as a markdown table.

/** Sends the transaction produced by `send()` and returns its receipt's gasUsed. */
export async function gasOf(send) {
  const receipt = await (await send()).wait();
  return receipt.gasUsed;
}

/** Moves the node's clock forward by `seconds` and mines a block (anvil and Hardhat both support this). */
export async function advanceTime(provider, seconds) {
  await provider.send("evm_increaseTime", [Number(seconds)]);
  await provider.send("evm_mine", []);
}

const formatGas = (gas) => (gas === undefined ? "–" : Number(gas).toLocaleString("en-US"));

/** Prints rows [{ operation, ours, peer, note }] with the difference to the peer figure. */
export function printGasTable(title, peerName, rows) {
  const lines = [
    `### ${title}`,
    "",
    `| Operation | Ours (gasUsed) | ${peerName} | Δ | Conditions |`,
    "|---|---:|---:|---:|---|",
  ];
  for (const { operation, ours, peer, note = "" } of rows) {
    const delta = peer === undefined ? "–" : `${ours <= BigInt(peer) ? "" : "+"}${(Number(ours) - peer).toLocaleString("en-US")}`;
    lines.push(`| ${operation} | ${formatGas(ours)} | ${formatGas(peer)} | ${delta} | ${note} |`);
  }
  console.log(lines.join("\n") + "\n");
}
