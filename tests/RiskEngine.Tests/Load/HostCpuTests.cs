using RiskEngine.Load.Harness;

namespace RiskEngine.Tests.Load;

public sealed class HostCpuTests
{
    [Fact]
    public void Steal_is_the_stolen_share_of_all_cpu_time_between_two_readings()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice, as Linux writes them.
        var before = HostCpu.Parse("cpu  1000 0 500 8000 100 0 50 350 0 0");
        var after = HostCpu.Parse("cpu  1600 0 700 9000 100 0 50 550 40 0");

        Assert.Equal(new HostCpu(10_000, 350), before);
        Assert.Equal(10.0, HostCpu.StealPercent(before, after)!.Value, 1e-9); // 200 of 2,000 ticks
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]
    [InlineData("cpu 1 2 3 4")]
    public void A_line_without_the_machine_total_and_its_steal_field_reads_as_unknown(string? line)
    {
        Assert.Null(HostCpu.Parse(line));
        Assert.Null(HostCpu.StealPercent(HostCpu.Parse(line), new HostCpu(10, 1)));
    }
}
