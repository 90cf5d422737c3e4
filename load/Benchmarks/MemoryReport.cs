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
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project load/Benchmarks -- memory</c>: what one user costs. The state as
/// stored (Orleans binary, what Redis holds), its object graph on the heap, and the heap per active user
/// grain including Orleans' own activation bookkeeping, measured on a real in-process silo.
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
            const int copies = 1000; // averaged: codecs and session pools allocate once on first use
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < copies; i++) GC.KeepAlive(serializer.Deserialize<UserProfile>(bytes));
            var heap = (GC.GetAllocatedBytesForCurrentThread() - before) / copies;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {bytes.Length} | {heap} |"));
        }

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var request = new DecisionRequest(UserAction.Login, "phone", IPAddress.Parse("2.125.160.216"), null, null, DateTimeOffset.UtcNow);
        await grains.GetGrain<IUserRiskGrain>("dev/warm-up").DecideAsync(request);
        var baseline = Settle();
        for (var i = 0; i < Users; i += 500)
            await Task.WhenAll(Enumerable.Range(i, 500).Select(u => grains.GetGrain<IUserRiskGrain>($"dev/user-{u}").DecideAsync(request)));
        var perUser = (Settle() - baseline) / (double)Users;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Heap per active user grain after one decision ({Users} users on an embedded silo, Orleans activation included): {perUser:0} bytes"));
        await host.StopAsync();
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
