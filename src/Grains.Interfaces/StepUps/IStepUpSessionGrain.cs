namespace RiskEngine.StepUps;

/// <summary>One step-up session's lifecycle. Key: <c>{tenant}/{session_id}</c>.</summary>
[Alias("IStepUpSessionGrain")]
public interface IStepUpSessionGrain : IGrainWithStringKey
{
    /// <summary>Records the session the user grain opened (status <c>Not Started</c>).</summary>
    [Alias("Start")]
    Task StartAsync(StepUpSessionStart start);

    /// <summary>The session, or null when the engine never opened it and no event for it arrived.</summary>
    [ReadOnly, Alias("Get")]
    Task<StepUpSessionView?> GetAsync();
}
