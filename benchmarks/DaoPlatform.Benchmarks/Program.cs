using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/DaoPlatform.Benchmarks -- --filter '*'`;
// scripts/benchmark runs it beside the ethers.js twin (benchmarks/ethers/bench.mjs).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
