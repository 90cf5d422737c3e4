using BenchmarkDotNet.Running;

// dotnet run -c Release --project load/Benchmarks -- --filter '*'   (BenchmarkDotNet's own options apply)
BenchmarkSwitcher.FromAssembly(typeof(RiskEngine.Benchmarks.Fixtures).Assembly).Run(args);
