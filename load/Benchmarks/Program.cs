using BenchmarkDotNet.Running;
using RiskEngine.Benchmarks;

// dotnet run -c Release --project load/Benchmarks -- --filter '*'    the micro-benchmarks (BenchmarkDotNet options apply)
// dotnet run -c Release --project load/Benchmarks -- memory          what one user costs in memory
// dotnet run -c Release --project load/Benchmarks -- calls [N]       grain calls and decisions per second without HTTP, N callers (256)
// dotnet run -c Release --project load/Benchmarks -- gc PID [S]      a running engine's GC pauses over S seconds (10)
// dotnet run -c Release --project load/Benchmarks -- cpu PID [S] [URL]  a process's CPU and thread switches per request the engine at URL serves
if (args is ["memory"]) await MemoryReport.RunAsync();
else if (args is ["calls"]) await GrainCallReport.RunAsync(256);
else if (args is ["calls", var callers] && int.TryParse(callers, out var n) && n > 0) await GrainCallReport.RunAsync(n);
else if (args is ["gc", var pid, ..] && int.TryParse(pid, out var process))
    await GcPauseReport.RunAsync(process, TimeSpan.FromSeconds(args is [_, _, var s, ..] && int.TryParse(s, out var seconds) ? seconds : 10),
        args is [_, _, _, var t] && int.TryParse(t, out var types) && types > 0 ? types : 12);
else if (args is ["cpu", var cpuPid, ..] && int.TryParse(cpuPid, out var measured))
    await CpuReport.RunAsync(measured, TimeSpan.FromSeconds(args is [_, _, var s2, ..] && int.TryParse(s2, out var sec) ? sec : 10),
        new Uri(args is [_, _, _, var url] ? url : "http://localhost:5080"));
else BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
