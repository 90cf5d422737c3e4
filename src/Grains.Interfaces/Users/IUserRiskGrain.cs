using RiskEngine.Decisions;

namespace RiskEngine.Users;

/// <summary>One user's risk history and decisions. Key: <c>{tenant}/{user_id}</c> (see <see cref="GrainKeys"/>).</summary>
[Alias("IUserRiskGrain")]
public interface IUserRiskGrain : IGrainWithStringKey
{
    [Alias("Decide")]
    Task<DecisionResult> DecideAsync(DecisionRequest request);
}
