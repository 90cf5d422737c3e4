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
}
