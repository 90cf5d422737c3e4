using RiskEngine.Load.Cli;

namespace RiskEngine.Tests.Load;

public sealed class MachineTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void The_cpu_model_is_the_first_processors_model_name()
    {
        File.WriteAllText(_file, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\nflags\t\t: fpu\n\n" +
                                 "processor\t: 1\nmodel name\t: something else\n");

        Assert.Equal("AMD EPYC", Machine.CpuModel(_file));
    }

    [Theory]
    [InlineData("processor\t: 0\nBogoMIPS\t: 48.00\nCPU part\t: 0xd0c\n")] // arm64 names no model
    [InlineData("model name\t:   \n")]
    public void Without_a_model_name_the_model_is_unknown(string cpuinfo)
    {
        File.WriteAllText(_file, cpuinfo);

        Assert.Null(Machine.CpuModel(_file));
    }

    [Fact]
    public void A_machine_without_cpuinfo_has_no_model() => Assert.Null(Machine.CpuModel(_file + ".missing"));
}
