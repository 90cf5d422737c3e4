using RiskEngine.Load.Cli;

// NBomber-style load scripts for RiskEngine: see load/README.md.
try
{
    return CommandLine.Parse(args) switch
    {
        RunOptions run => await RunCommand.ExecuteAsync(run),
        BenchOptions bench => await BenchCommand.ExecuteAsync(bench),
        ChaosOptions chaos => await ChaosCommand.ExecuteAsync(chaos),
        _ => 2,
    };
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
