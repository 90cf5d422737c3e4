using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using RiskEngine.Hosting;

namespace RiskEngine.Tests.Persistence;

/// <summary>
/// Embedded mode's grain storage keeps Redis' rule: a write or erasure names the ETag it read, and fails when the
/// entry changed since. A session is written by the user's grain on its behalf while its own grain may be awake, so
/// the check must hold under races too.
/// </summary>
public sealed class InProcessGrainStorageTests
{
    private static readonly GrainId Session = GrainId.Create("stepupsession", "t/s-1");
    private readonly InProcessGrainStorage _storage = new(
        StorageSerializer.Instance, TimeProvider.System);

    private static GrainState<StepUpSessionState> Started(string decisionId)
    {
        var state = new StepUpSessionState();
        state.Start(new StepUpSessionStart(decisionId, "u", StepUpMethod.Passive, "https://verify", DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddMinutes(30)));
        return new GrainState<StepUpSessionState>(state);
    }

    [Fact]
    public async Task A_write_must_name_the_etag_it_read()
    {
        var first = Started("d-1");
        await _storage.WriteStateAsync("session", Session, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("session", Session, Started("d-2")));
        var stale = Started("d-3");
        stale.ETag = "not-the-current-one";
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("session", Session, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("session", Session, stale));

        var read = new GrainState<StepUpSessionState>(new StepUpSessionState());
        await _storage.ReadStateAsync("session", Session, read);
        Assert.Equal(("d-1", first.ETag), (read.State!.DecisionId, read.ETag));
        await _storage.ClearStateAsync("session", Session, read);
        await _storage.WriteStateAsync("session", Session, Started("d-4")); // nothing stored again: a first write succeeds
    }

    [Fact]
    public async Task An_etag_is_spent_by_the_write_that_named_it()
    {
        var state = Started("d-1");
        await _storage.WriteStateAsync("session", Session, state);
        var spent = state.ETag;
        await _storage.WriteStateAsync("session", Session, state);

        Assert.NotEqual(spent, state.ETag);
        var stale = Started("d-2");
        stale.ETag = spent;
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("session", Session, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("session", Session, stale));
        var read = new GrainState<StepUpSessionState>(new StepUpSessionState());
        await _storage.ReadStateAsync("session", Session, read);
        Assert.Equal(("d-1", state.ETag), (read.State!.DecisionId, read.ETag));
    }

    [Fact]
    public async Task Of_writers_racing_to_create_an_entry_exactly_one_succeeds()
    {
        for (var round = 0; round < 200; round++)
        {
            var id = GrainId.Create("stepupsession", $"t/race-{round}");
            var writers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                try
                {
                    await _storage.WriteStateAsync("session", id, Started($"d-{i}"));
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            }));
            Assert.Equal(1, (await Task.WhenAll(writers)).Count(won => won));
        }
    }

    /// <summary>The bytes live outside the managed heap and each replacement, erasure and sweep frees some: every key
    /// must still read back exactly its own latest state.</summary>
    [Fact]
    public async Task Every_key_reads_back_its_latest_state_through_overwrites_erasures_and_a_sweep()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var storage = new InProcessGrainStorage(StorageSerializer.Instance, time, TimeSpan.FromHours(1));
        GrainId Id(int i) => GrainId.Create("stepupsession", $"t/s-{i}");
        var etags = new string?[300];
        for (var round = 0; round < 3; round++)
            for (var i = 0; i < etags.Length; i++)
            {
                var state = Started($"d-{i}-{round}-{new string('x', i)}");
                state.ETag = etags[i];
                await storage.WriteStateAsync("session", Id(i), state);
                etags[i] = state.ETag;
            }
        for (var i = 0; i < etags.Length; i += 3)
            await storage.ClearStateAsync("session", Id(i), new GrainState<StepUpSessionState>(new StepUpSessionState()) { ETag = etags[i] });
        time.Advance(TimeSpan.FromMinutes(55));
        for (var i = 1; i < etags.Length; i += 3)
        {
            var state = Started($"d-{i}-late");
            state.ETag = etags[i];
            await storage.WriteStateAsync("session", Id(i), state);
        }
        time.Advance(InProcessGrainStorage.SweepPeriod); // the first hour's writes expire and are swept

        Assert.Equal(etags.Length / 3, storage.Count("session"));
        for (var i = 0; i < etags.Length; i++)
        {
            var read = new GrainState<StepUpSessionState>(new StepUpSessionState());
            await storage.ReadStateAsync("session", Id(i), read);
            Assert.Equal(i % 3 == 1 ? $"d-{i}-late" : null, read.RecordExists ? read.State!.DecisionId : null);
        }
    }

    /// <summary>Its bytes are freed with it, so a late caller (a grain deactivating at shutdown) must hear so rather than
    /// store bytes that nothing would free or read back a store that is gone.</summary>
    [Fact]
    public async Task Once_disposed_it_refuses_every_call()
    {
        var storage = new InProcessGrainStorage(StorageSerializer.Instance, TimeProvider.System);
        var state = Started("d-1");
        await storage.WriteStateAsync("session", Session, state);
        storage.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync("session", Session, Started("d-2")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.ReadStateAsync("session", Session, Started("d-3")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.ClearStateAsync("session", Session, state));
        Assert.Equal(0, storage.Count("session"));
    }
}
