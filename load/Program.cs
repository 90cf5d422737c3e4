using RiskEngine.Load.Cli;

// NBomber-style load scripts for RiskEngine: see load/README.md.

// Socket completions run on the socket engine's own thread instead of being handed to the thread pool: a call's
// continuation only records its timing or starts the next call, and each hand-off is a thread switch on cores the
// engine under test shares (load/MEASUREMENTS.md). Read once, when the first socket is used, so set first;
// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0 in the environment turns it off.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null) Environment.SetEnvironmentVariable(InlineCompletions, "1");
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
