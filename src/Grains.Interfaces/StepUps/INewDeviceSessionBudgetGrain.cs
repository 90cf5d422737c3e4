namespace RiskEngine.StepUps;

/// <summary>
/// A tenant's budget of step-up sessions for devices their users are not known on (<c>…Didit__NewDeviceSessionsPerMinute</c>),
/// kept in memory: a budget lost with its silo starts full, as it would a minute later. Key: the tenant id.
/// </summary>
[Alias("INewDeviceSessionBudgetGrain")]
public interface INewDeviceSessionBudgetGrain : IGrainWithStringKey
{
    /// <summary>Takes one session from the budget; false when the minute's are all taken.</summary>
    [Alias("TryTake")]
    ValueTask<bool> TryTakeAsync();
}
