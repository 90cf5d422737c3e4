using RiskEngine.Load.Cli;
using RiskEngine.Load.Harness;
using RiskEngine.Load.Scenarios;

namespace RiskEngine.Tests.Load;

public sealed class DecisionMixTests
{
    [Fact]
    public void The_default_mix_has_every_kind_once_and_its_shares_add_up_to_one()
    {
        // A kind left out would never be sent; shares off 1 would silently favour the last kind.
        Assert.Equal(Enum.GetValues<DecisionKind>().Order(), DecisionMix.Default.Shares.Select(m => m.Kind).Order());
        Assert.Equal(1.0, DecisionMix.Default.Shares.Sum(m => m.Share), 1e-9);
    }

    [Fact]
    public void Weights_become_shares_and_a_kind_not_named_or_weighed_0_is_never_drawn()
    {
        var mix = DecisionMix.Parse(" login=3, new_device_and_network = 1 ,settings_change=0");

        Assert.Equal(new[] { (DecisionKind.Login, 0.75), (DecisionKind.NewDeviceAndNetwork, 0.25) }, mix.Shares);
        Assert.Equal("login 75 %, new_device_and_network 25 %", mix.ToString());
        var random = new Random(7);
        var drawn = Enumerable.Range(0, 20_000).Select(_ => mix.Draw(random)).CountBy(k => k).ToDictionary();
        Assert.Equal(new[] { DecisionKind.Login, DecisionKind.NewDeviceAndNetwork }, drawn.Keys.Order());
        Assert.InRange(drawn[DecisionKind.Login] / 20_000.0, 0.74, 0.76);
    }

    [Theory]
    [InlineData("login", "'login' is not kind=weight")]
    [InlineData("logins=1", "unknown kind 'logins' (kinds: login, small_transfer, large_transfer, new_device,")]
    [InlineData("login=-1", "the weight of login must be a number of at least 0, not '-1'")]
    [InlineData("login=lots", "the weight of login must be a number of at least 0, not 'lots'")]
    [InlineData("login=1,login=2", "login given twice")]
    [InlineData("login=0", "no kind has any weight")]
    [InlineData(",", "no kind has any weight")]
    [InlineData("login=1e308,small_transfer=1e308", "the weights add up to more than a double holds")]
    public void A_wrong_mix_is_refused_naming_the_part_that_is_wrong(string text, string reason)
    {
        var message = Assert.Throws<FormatException>(() => DecisionMix.Parse(text)).Message;
        Assert.StartsWith("RISKENGINE_LOAD_MIX: ", message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void The_command_line_takes_the_mix_from_the_environment_and_refuses_a_wrong_one_before_any_load()
    {
        string[] run = ["run", "decisions", "--target", "http://127.0.0.1:1", "--api-key", "k"];

        Assert.Same(DecisionMix.Default, Assert.IsType<RunOptions>(CommandLine.Parse(run, _ => null)).Target.Mix);
        var chosen = Assert.IsType<BenchOptions>(CommandLine.Parse(["bench", .. run[2..]], Mix("small_transfer=1"))).Target.Mix;
        Assert.Equal(new[] { (DecisionKind.SmallTransfer, 1.0) }, chosen.Shares);
        Assert.Throws<FormatException>(() => CommandLine.Parse(run, Mix("transfer=1")));

        static Func<string, string?> Mix(string mix) => name => name == DecisionMix.Variable ? mix : null;
    }

    [Fact]
    public async Task The_decisions_scenario_sends_only_the_kinds_of_its_mix()
    {
        await using var server = await FakeHttpServer.StartAsync();
        var options = new ScenarioOptions(new Uri(server.Url), "key", 10, "dev", null) { Mix = DecisionMix.Parse("settings_change=1") };
        using var http = LoadHttp.Create(options);
        var scenario = DecisionsScenario.Create(http, options)
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.KeepConstant(2, TimeSpan.FromMilliseconds(300)));

        var stats = await new Runner().RunAsync(scenario);

        Assert.True(stats.Requests > 0);
        Assert.All(server.Requests, r => Assert.Equal("settings_change", r.Json.GetProperty("action").GetString()));
    }
}
