using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Serialization;
using RiskEngine.Decisions;
using RiskEngine.Hosting;
using RiskEngine.Policies;
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project load/Benchmarks -- memory</c>: what one user costs. The state as
/// stored (Orleans binary, what Redis holds), its object graph on the heap, and the heap per active user
/// grain including Orleans' own activation bookkeeping, measured on a real in-process silo. And what a tenant's
/// policy-simulation sample costs a silo's memory, and a full quarter hour of it in storage.
/// </summary>
public static class MemoryReport
{
    private const int Users = 20_000;

    public static async Task RunAsync()
    {
        using var host = await EmbeddedSilo.StartAsync(21111);

        var serializer = host.Services.GetRequiredService<Serializer>();
        Console.WriteLine("| user | state as stored (bytes) | state on the heap (bytes) |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, profile) in new[] { ("typical: 5 devices, 10 networks, 20 transfers", Fixtures.TypicalUser()), ("every history at its bound", Fixtures.FullUser()) })
        {
            var bytes = serializer.SerializeToArray(profile);
            // What a read keeps, not what it allocates (reading a list of structs allocates about one struct's size per
            // element more than it keeps): copies held, heap measured after full collections; the codecs' first use before.
            const int copies = 1000;
            GC.KeepAlive(serializer.Deserialize<UserProfile>(bytes));
            var kept = new UserProfile?[copies];
            var before = GC.GetTotalMemory(forceFullCollection: true);
            for (var i = 0; i < copies; i++) kept[i] = serializer.Deserialize<UserProfile>(bytes);
            var heap = (GC.GetTotalMemory(forceFullCollection: true) - before) / copies;
            GC.KeepAlive(kept);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {bytes.Length} | {heap} |"));
        }

        SimulationSample(serializer);

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var request = new DecisionRequest(UserAction.Login, "phone", IPAddress.Parse("2.125.160.216"), null, null, DateTimeOffset.UtcNow);
        await grains.GetGrain<IUserRiskGrain>("dev/warm-up").DecideAsync(request);
        var baseline = Settle();
        for (var i = 0; i < Users; i += 500)
            await Task.WhenAll(Enumerable.Range(i, 500).Select(u => grains.GetGrain<IUserRiskGrain>($"dev/user-{u}").DecideAsync(request).AsTask()));
        var perUser = (Settle() - baseline) / (double)Users;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Heap per active user grain after one decision ({Users} users on an embedded silo, Orleans activation included): {perUser:0} bytes"));
        await host.StopAsync();
    }

    private static void SimulationSample(Serializer serializer)
    {
        var sampler = new DecisionSampler(TimeProvider.System);
        var user = Fixtures.TypicalUser();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = user.Measure(Fixtures.Login());
        sampler.Record("acme", Guid.CreateVersion7(), DateTimeOffset.UtcNow, in first);
        var memory = GC.GetAllocatedBytesForCurrentThread() - before;
        // A quarter hour's worth of logins from places and times that differ, so the stored facts are not all alike.
        for (var i = 0; i < 1000; i++)
        {
            var facts = user.Measure(Fixtures.Login(ip: i % 2 == 0 ? "2.125.160.216" : "81.2.69.142", minutes: i));
            sampler.Record("acme", Guid.CreateVersion7(), DateTimeOffset.UtcNow, in facts);
        }
        var archive = new DecisionSampleArchive();
        archive.BySilo["S10.0.0.1:11111:1"] = sampler.Held("acme").Single().Contribution;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Policy-simulation sample of one tenant: {memory} bytes of a silo's memory; a full quarter hour ({DecisionSampler.PerSlot} decisions) as stored: {serializer.SerializeToArray(archive).Length} bytes"));
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
