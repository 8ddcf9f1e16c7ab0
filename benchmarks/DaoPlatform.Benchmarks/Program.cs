using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/DaoPlatform.Benchmarks -- --filter '*'`;
// scripts/benchmark runs it beside the ethers.js twin (benchmarks/ethers/bench.mjs).
// `-- conformance` runs the published test vectors against the layer and Nethereum instead (scripts/benchmark conformance).
// `-- agreement FILE` counts the evaluation peers' predictions that differ from the scalar reference (scripts/benchmark evaluation).
if (args is ["conformance"])
{
    return DaoPlatform.Benchmarks.Conformance.Run();
}
if (args is ["agreement", string path])
{
    return DaoPlatform.Benchmarks.Evaluation.EvaluationAgreement.Run(path);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
