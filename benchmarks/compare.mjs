// scripts/benchmark speed: puts the ethers.js figures (benchmarks/ethers/bench.mjs JSON) beside BenchmarkDotNet's JSON
// report of EthereumLayerBenchmarks and prints a markdown table with the ratio per operation.
import { readFileSync } from "node:fs";

const [ethersFile, bdnFile] = process.argv.slice(2);
if (!ethersFile || !bdnFile) {
  console.error("usage: node benchmarks/compare.mjs <ethers.json> <BenchmarkDotNet report.json>");
  process.exit(2);
}
const ethers = JSON.parse(readFileSync(ethersFile, "utf8"));
const bdn = JSON.parse(readFileSync(bdnFile, "utf8"));

const csharp = Object.fromEntries(bdn.Benchmarks.map((b) => [b.Method, 1e9 / b.Statistics.Mean]));
const fmt = (n) => Math.round(n).toLocaleString("en-US");

// RuntimeVersion reads like ".NET 10.0.12 (10.0.12, 10.0.1226.42308)": keep the leading name.
const dotnet = String(bdn.HostEnvironmentInfo?.RuntimeVersion ?? ".NET").split(" (")[0];
console.log(`| operation | ethers.js 6 (${ethers.runtime}), ops/s | C# (${dotnet}), ops/s | C# / ethers |`);
console.log("|---|---:|---:|---:|");
for (const [op, js] of Object.entries(ethers.results)) {
  const cs = csharp[op];
  if (cs === undefined) throw new Error(`BenchmarkDotNet report has no benchmark named ${op}`);
  console.log(`| ${op} | ${fmt(js)} | ${fmt(cs)} | ${(cs / js).toFixed(1)}x |`);
}
