using RiskEngine.Load.Scenarios;

namespace RiskEngine.Tests.Load;

public sealed class DecisionsScenarioTests
{
    [Fact]
    public void The_mix_has_every_kind_once_and_its_shares_add_up_to_one()
    {
        // A kind left out would never be sent; shares off 1 would silently favour the last kind.
        Assert.Equal(Enum.GetValues<DecisionKind>().Order(), DecisionsScenario.Mix.Select(m => m.Kind).Order());
        Assert.Equal(1.0, DecisionsScenario.Mix.Sum(m => m.Share), 1e-9);
    }
}
