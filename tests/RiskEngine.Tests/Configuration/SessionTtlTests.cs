namespace RiskEngine.Tests.Configuration;

public sealed class SessionTtlTests
{
    [Fact]
    public async Task A_configured_session_ttl_sets_when_a_step_up_expires()
    {
        await using var engine = new Engine(new Dictionary<string, string?> { ["RiskEngine:StepUpSessionTtl"] = "00:05:00" });
        engine.StartServer();

        var decision = await engine.Client().DecideAsync(new { user_id = "ttl-user", action = "account_recovery", device_id = "d", ip = "2.125.160.216" });

        Assert.Equal(Outcome.StepUp, decision.Outcome);
        Assert.Equal(engine.Time.GetUtcNow() + TimeSpan.FromMinutes(5), decision.StepUp!.ExpiresAt);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("7.00:00:01")]
    [InlineData("3650000.00:00:00")] // before the bound, every step-up answered 500: its expiry was past year 9999
    public async Task A_session_ttl_not_above_zero_or_beyond_7_days_stops_the_start(string ttl)
    {
        await using var engine = new Engine(new Dictionary<string, string?> { ["RiskEngine:StepUpSessionTtl"] = ttl });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(engine.StartServer);

        Assert.StartsWith("RiskEngine__StepUpSessionTtl must be positive and at most 7 days", Assert.Single(error.Failures));
    }
}
