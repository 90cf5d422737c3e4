using BenchmarkDotNet.Running;
using RiskEngine.Benchmarks;

// dotnet run -c Release --project load/Benchmarks -- --filter '*'    the micro-benchmarks (BenchmarkDotNet options apply)
// dotnet run -c Release --project load/Benchmarks -- memory          what one user costs in memory
if (args is ["memory"]) await MemoryReport.RunAsync();
else BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
