using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Providers;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using RiskEngine.Hosting;
using RiskEngine.Users;

namespace RiskEngine.Tests.StepUps;

/// <summary>
/// A step-up whose session cannot be fully opened fails its decision and leaves nothing behind that would never
/// expire or be erased: the session's reminder is armed before its state is stored. A session opened this way expires
/// from its reminder's row alone, which Orleans' reminder service (here on the same fake clock) finds in the table.
/// </summary>
public sealed class SessionOpenerTests : IAsyncLifetime
{
    private readonly FlakyReminderTable _reminders = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly InProcessTestCluster _cluster;

    public SessionOpenerTests()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRiskEngineStorage(null).AddReminders();
            silo.Services.AddSingleton<IReminderTable>(_reminders);
        });
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RiskEngine:PublicBaseUrl"] = "http://engine.test" });
            host.Services.AddRiskEngineGrainServices(host.Configuration);
            host.Services.AddKeyedSingleton<TimeProvider>(Clock.Key, _time);
            host.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, _time);
        });
        _cluster = builder.Build();
    }

    public async ValueTask InitializeAsync() => await _cluster.DeployAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private InProcessGrainStorage Storage =>
        (InProcessGrainStorage)_cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    [Fact]
    public async Task When_the_reminder_cannot_be_armed_the_decision_fails_and_no_session_is_stored()
    {
        var user = _cluster.Client.GetGrain<IUserRiskGrain>(GrainKeys.For("t", "u-1"));
        var recovery = new DecisionRequest(UserAction.AccountRecovery, "d", IPAddress.Parse("2.125.160.216"), null, null, _time.GetUtcNow());

        _reminders.Failing = true;
        await Assert.ThrowsAnyAsync<Exception>(() => user.DecideAsync(recovery).AsTask());
        var storedAfterFailure = Storage.Count("session");

        _reminders.Failing = false;
        var retried = await user.DecideAsync(recovery);

        Assert.Equal(0, storedAfterFailure);
        Assert.Equal(Outcome.StepUp, retried.Outcome);
        Assert.Equal(1, Storage.Count("session"));
    }

    [Fact]
    public async Task An_unfinished_session_expires_when_its_time_is_up()
    {
        var user = _cluster.Client.GetGrain<IUserRiskGrain>(GrainKeys.For("t", "u-2"));
        var opened = await user.DecideAsync(new DecisionRequest(UserAction.AccountRecovery, "d", IPAddress.Parse("2.125.160.216"), null, null, _time.GetUtcNow()));
        var session = _cluster.Client.GetGrain<IStepUpSessionGrain>(GrainKeys.For("t", opened.StepUp!.SessionId));

        // A minute at a time, so the reminder service's refreshes and the reminder's own wait run on the fake clock as
        // they would on a real one; the wall-clock deadline only bounds a failure.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        StepUpSessionView? view;
        while ((view = await session.GetAsync())!.Status != SessionStatus.Expired && DateTime.UtcNow < deadline)
        {
            if (_time.GetUtcNow() < opened.StepUp.ExpiresAt.AddHours(1)) _time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }

        Assert.Equal(SessionStatus.Expired, view.Status);
        Assert.Equal(opened.StepUp.ExpiresAt, view.History[^1].At);
    }

    [Fact]
    public async Task Forgetting_a_user_drops_the_reminders_of_its_sessions()
    {
        var user = _cluster.Client.GetGrain<IUserRiskGrain>(GrainKeys.For("t", "u-3"));
        var opened = await user.DecideAsync(new DecisionRequest(UserAction.AccountRecovery, "d", IPAddress.Parse("2.125.160.216"), null, null, _time.GetUtcNow()));
        var session = _cluster.Client.GetGrain<IStepUpSessionGrain>(GrainKeys.For("t", opened.StepUp!.SessionId)).GetGrainId();
        var armed = await _reminders.ReadRow(session, "tick");

        await user.ForgetAsync("test");

        Assert.NotNull(armed);
        Assert.Null(await _reminders.ReadRow(session, "tick"));
    }

    private sealed class FlakyReminderTable : IReminderTable
    {
        private readonly InProcessReminderTable _table = new();

        public bool Failing { get; set; }

        public Task Init() => _table.Init();
        public Task<ReminderTableData> ReadRows(GrainId grainId) => _table.ReadRows(grainId);
        public Task<ReminderTableData> ReadRows(uint begin, uint end) => _table.ReadRows(begin, end);
        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => _table.ReadRow(grainId, reminderName);
        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => _table.RemoveRow(grainId, reminderName, eTag);
        public Task TestOnlyClearTable() => _table.TestOnlyClearTable();

        public Task<string?> UpsertRow(ReminderEntry entry) =>
            Failing ? throw new InvalidOperationException("reminder table unavailable") : _table.UpsertRow(entry);
    }
}
