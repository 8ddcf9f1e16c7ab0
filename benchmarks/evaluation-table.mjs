// scripts/benchmark evaluation: turns BenchmarkDotNet's JSON reports of the evaluation benchmarks (one operation =
// one sample) and Int8PeakBenchmarks (one operation = one MAC) into one markdown table: samples/s of each
// implementation per model, and the vectorised back end's MAC/s against the int8 peak.
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node benchmarks/evaluation-table.mjs <BenchmarkDotNet report.json>...");
  process.exit(2);
}
const benchmarks = files.flatMap((file) => JSON.parse(readFileSync(file, "utf8")).Benchmarks);
const perSecond = (b) => {
  if (!b?.Statistics) throw new Error(`benchmark ${b?.FullName} has no result (it failed: see the BenchmarkDotNet log)`);
  return 1e9 / b.Statistics.Mean;
};
const peak = benchmarks.find((b) => b.Method === "Peak");
const peakMacs = peak ? perSecond(peak) : NaN;
const inputs = { MnistEvaluationBenchmarks: "10,000 MNIST digits", LargeEvaluationBenchmarks: "1,000 synthetic" };

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));
const exp = (n) => n.toExponential(2).replace("e+", "e");

console.log("| model | samples | vectorised, samples/s | MAC/s | of peak | scalar loop, samples/s | ONNX Runtime, samples/s | vs ONNX Runtime | vs scalar |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
for (const vectorisedRun of benchmarks.filter((b) => b.Method === "Vectorised")) {
  const sameCase = (method) => benchmarks.find((b) => b.Method === method && b.Type === vectorisedRun.Type && b.Parameters === vectorisedRun.Parameters);
  const dims = vectorisedRun.Parameters.replace(/^Model=/, "");
  const d = dims.split("-").map(Number);
  const macs = d.slice(1).reduce((sum, m, l) => sum + d[l] * m, 0);
  const [vectorised, scalar, onnx] = [vectorisedRun, sameCase("Scalar"), sameCase("OnnxRuntime")].map(perSecond);
  console.log(
    `| ${dims} | ${inputs[vectorisedRun.Type] ?? vectorisedRun.Type} | ${fmt(vectorised)} | ${exp(vectorised * macs)} | ` +
      `${((100 * vectorised * macs) / peakMacs).toFixed(0)} % | ${fmt(scalar)} | ${fmt(onnx)} | ${(vectorised / onnx).toFixed(2)}x | ${(vectorised / scalar).toFixed(0)}x |`,
  );
}
console.log(`\nint8 multiply-add peak reachable from C# (all cores, registers only): ${exp(peakMacs)} MAC/s`);
