// scripts/benchmark evaluation: turns the agreement file (`-- agreement FILE`: predictions differing from the scalar
// reference, the CPU's instruction sets and the kernel picked) and BenchmarkDotNet's JSON reports of the evaluation
// benchmarks (one operation = one sample) and Int8PeakBenchmarks (one operation = one MAC) into markdown tables:
// per model, each implementation's samples/s, MAC/s, share of the int8 peak, differing predictions and speed against
// ONNX Runtime's u8×s8 product.
import { readFileSync } from "node:fs";

const [agreementFile, ...files] = process.argv.slice(2);
if (!agreementFile || files.length === 0) {
  console.error("usage: node benchmarks/evaluation-table.mjs <agreement.json> <BenchmarkDotNet report.json>...");
  process.exit(2);
}
const agreement = JSON.parse(readFileSync(agreementFile, "utf8"));
const reports = files.map((file) => JSON.parse(readFileSync(file, "utf8")));
const benchmarks = reports.flatMap((report) => report.Benchmarks);
const perSecond = (b) => (b?.Statistics ? 1e9 / b.Statistics.Mean : NaN);
const peak = benchmarks.find((b) => b.Method === "Peak");
const peakMacs = perSecond(peak);
const inputs = { MnistEvaluationBenchmarks: "10,000 MNIST digits", LargeEvaluationBenchmarks: "1,000 synthetic" };
const names = {
  Vectorised: `vectorised CPU back end (${agreement.kernel})`,
  Scalar: "scalar loop (the reference)",
  OnnxRuntime: "ONNX Runtime MatMulInteger u8×s8",
  OnnxRuntimeU8U8: "ONNX Runtime, layer 0 u8×u8",
  OnnxRuntimeS8S8: "ONNX Runtime, layer 0 s8×s8",
};

const fmt = (n) => (!Number.isFinite(n) ? "failed" : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));
const exp = (n) => (Number.isFinite(n) ? n.toExponential(2).replace("e+", "e") : "–");

const cpu = reports[0]?.HostEnvironmentInfo?.ProcessorName ?? "unknown CPU";
console.log(`CPU: ${cpu}, ${agreement.cores} cores, ${agreement.instructionSets.join(", ") || "no AVX2"}; CPU back end kernel: ${agreement.kernel}\n`);
console.log("| model | samples | implementation | samples/s | MAC/s | of int8 peak | differing predictions | vs ONNX Runtime u8×s8 |");
console.log("|---|---|---|---:|---:|---:|---:|---:|");
for (const first of benchmarks.filter((b) => b.Method === "Vectorised")) {
  const dims = first.Parameters.replace(/^Model=/, "");
  const d = dims.split("-").map(Number);
  const macs = d.slice(1).reduce((sum, m, l) => sum + d[l] * m, 0);
  const sameCase = benchmarks.filter((b) => b.Type === first.Type && b.Parameters === first.Parameters);
  const onnx = perSecond(sameCase.find((b) => b.Method === "OnnxRuntime"));
  const differing = agreement.cases.find((c) => c.model === dims)?.differing ?? {};
  for (const run of sameCase) {
    const speed = perSecond(run);
    const count = run.Method === "Scalar" ? "–" : (differing[run.Method] ?? "?").toLocaleString("en-US");
    console.log(
      `| ${dims} | ${inputs[run.Type] ?? run.Type} | ${names[run.Method] ?? run.Method} | ${fmt(speed)} | ${exp(speed * macs)} | ` +
        `${Number.isFinite(peakMacs) ? `${((100 * speed * macs) / peakMacs).toFixed(0)} %` : "–"} | ${count} | ${(speed / onnx).toFixed(2)}x |`,
    );
  }
}
const chain = peak?.Parameters?.replace(/^Chain=/, "").replace(/^madd/, "vpmaddubsw + vpmaddwd + vpaddd,") ?? "no chain";
console.log(`\nint8 multiply-add peak reachable from C# (${chain}, all cores, registers only): ${exp(peakMacs)} MAC/s`);
