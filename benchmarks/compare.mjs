// scripts/benchmark speed: puts the ethers.js figures (benchmarks/ethers/bench.mjs JSON) beside BenchmarkDotNet's JSON
// reports of EthereumLayerBenchmarks (our layer) and NethereumBenchmarks (Nethereum 6.1.0) and prints a markdown table
// with the ratios per operation.
import { readFileSync } from "node:fs";

const [ethersFile, ...bdnFiles] = process.argv.slice(2);
if (!ethersFile || bdnFiles.length === 0) {
  console.error("usage: node benchmarks/compare.mjs <ethers.json> <BenchmarkDotNet report.json>...");
  process.exit(2);
}
const ethers = JSON.parse(readFileSync(ethersFile, "utf8"));
const reports = bdnFiles.map((file) => JSON.parse(readFileSync(file, "utf8")));

// Operations per second by benchmark class, then by method.
const byClass = {};
for (const report of reports) {
  for (const b of report.Benchmarks) {
    (byClass[b.Type] ??= {})[b.Method] = 1e9 / b.Statistics.Mean;
  }
}
const ours = byClass.EthereumLayerBenchmarks;
const nethereum = byClass.NethereumBenchmarks;
if (!ours || !nethereum) throw new Error(`expected EthereumLayerBenchmarks and NethereumBenchmarks reports; got ${Object.keys(byClass)}`);
const fmt = (n) => Math.round(n).toLocaleString("en-US");

// RuntimeVersion reads like ".NET 10.0.12 (10.0.12, 10.0.1226.42308)": keep the leading name.
const dotnet = String(reports[0].HostEnvironmentInfo?.RuntimeVersion ?? ".NET").split(" (")[0];
console.log(`| operation | ethers.js 6 (${ethers.runtime}), ops/s | Nethereum 6.1.0 (${dotnet}), ops/s | C# layer (${dotnet}), ops/s | C# / ethers | C# / Nethereum |`);
console.log("|---|---:|---:|---:|---:|---:|");
for (const [op, js] of Object.entries(ethers.results)) {
  const cs = ours[op];
  const net = nethereum[op];
  if (cs === undefined || net === undefined) throw new Error(`a BenchmarkDotNet report has no benchmark named ${op}`);
  console.log(`| ${op} | ${fmt(js)} | ${fmt(net)} | ${fmt(cs)} | ${(cs / js).toFixed(1)}x | ${(cs / net).toFixed(1)}x |`);
}
