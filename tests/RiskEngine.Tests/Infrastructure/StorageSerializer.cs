using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>States as the engine's storage providers serialise them (Orleans' binary serializer), for tests of what is stored.</summary>
public static class StorageSerializer
{
    public static readonly OrleansGrainStorageSerializer Instance =
        new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());
}
