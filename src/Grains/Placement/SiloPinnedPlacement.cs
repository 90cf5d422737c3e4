namespace RiskEngine.Placement;

/// <summary>Places a grain on the silo whose address is the grain's key.</summary>
[GenerateSerializer, Immutable, Alias("SiloPinnedPlacement")]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    public static readonly SiloPinnedPlacement Instance = new();
}
