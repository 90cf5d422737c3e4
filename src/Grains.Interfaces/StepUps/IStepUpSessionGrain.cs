namespace RiskEngine.StepUps;

/// <summary>One step-up session's lifecycle. Key: <c>{tenant}/{session_id}</c>.</summary>
[Alias("IStepUpSessionGrain")]
public interface IStepUpSessionGrain : IGrainWithStringKey
{
    /// <summary>Records the session the user grain opened (status <c>Not Started</c>) and arms its expiry.</summary>
    [Alias("Start")]
    Task StartAsync(StepUpSessionStart start);

    /// <summary>Applies a verified status event at most once; returns only after the result is persisted.</summary>
    [Alias("Apply")]
    Task<EventOutcome> ApplyAsync(SessionEvent sessionEvent);

    /// <summary>The session, or null when the engine never opened it and no event for it arrived.</summary>
    [ReadOnly, Alias("Get")]
    Task<StepUpSessionView?> GetAsync();

    /// <summary>Erases the session (its user's deletion, or it aged out of the user's history): state, reminder, pending deliveries.</summary>
    [Alias("Forget")]
    Task ForgetAsync();
}
