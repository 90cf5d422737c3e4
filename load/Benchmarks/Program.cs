using BenchmarkDotNet.Running;
using RiskEngine.Benchmarks;

// dotnet run -c Release --project load/Benchmarks -- --filter '*'    the micro-benchmarks (BenchmarkDotNet options apply)
// dotnet run -c Release --project load/Benchmarks -- memory          what one user costs in memory
// dotnet run -c Release --project load/Benchmarks -- calls           grain calls and decisions per second without HTTP
if (args is ["memory"]) await MemoryReport.RunAsync();
else if (args is ["calls"]) await GrainCallReport.RunAsync();
else BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
