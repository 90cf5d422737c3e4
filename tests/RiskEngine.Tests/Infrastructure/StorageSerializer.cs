using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>States as the engine's storage providers serialise them (Orleans' binary serializer), for tests of what is stored.</summary>
public static class StorageSerializer
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public static readonly OrleansGrainStorageSerializer Instance = new(Services.GetRequiredService<Serializer>());

    /// <summary>Kept answers as a user's grain serialises them (<see cref="Users.IdempotencyRecord.Answer"/>).</summary>
    public static readonly Serializer<DecisionResult> Answers = Services.GetRequiredService<Serializer<DecisionResult>>();
}
