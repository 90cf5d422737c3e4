using System.Collections.Concurrent;
using Orleans.GrainReferences;
using Orleans.Metadata;

namespace RiskEngine;

/// <summary>
/// References to the engine's grains by key. Orleans' <c>GetGrain</c> works out which grain type implements an
/// interface on every call, by reflection (the interface's attributes, then its formatted name): under load that
/// was 3–4 % of the engine's CPU, nearly all of it the one reference each decision needs. Here each interface is
/// worked out once; the references are Orleans' own.
/// </summary>
public sealed class GrainReferenceCache(
    GrainReferenceActivator references, GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver implementations)
{
    private readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> _types = new();

    public T Get<T>(string key) where T : IGrainWithStringKey
    {
        var (grain, @interface) = _types.GetOrAdd(typeof(T), Resolve);
        return (T)(object)references.CreateReference(GrainId.Create(grain, key), @interface);
    }

    private (GrainType, GrainInterfaceType) Resolve(Type type)
    {
        var @interface = interfaces.GetGrainInterfaceType(type);
        return (implementations.GetGrainType(@interface), @interface);
    }
}
