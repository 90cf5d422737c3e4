namespace RiskEngine.StepUps;

internal sealed class StepUpSessionGrain(
    [PersistentState("session")] IPersistentState<StepUpSessionState> session) : Grain, IStepUpSessionGrain
{
    async Task IStepUpSessionGrain.StartAsync(StepUpSessionStart start)
    {
        var s = session.State;
        s.DecisionId = start.DecisionId;
        s.UserId = start.UserId;
        s.Method = start.Method;
        s.SessionUrl = start.SessionUrl;
        s.CreatedAt = start.CreatedAt;
        s.ExpiresAt = start.ExpiresAt;
        if (s.History.Count == 0) s.History.Add(new StatusChange(SessionStatus.NotStarted, start.CreatedAt));
        await session.WriteStateAsync();
    }

    Task<StepUpSessionView?> IStepUpSessionGrain.GetAsync() => Task.FromResult(
        session.RecordExists ? View() : null);

    private StepUpSessionView View()
    {
        var s = session.State;
        return new StepUpSessionView(GrainKeys.Split(this.GetPrimaryKeyString()).Id, s.DecisionId, s.UserId, s.Method,
            s.Status, [.. s.History], s.LivenessScore, s.FaceSimilarity, s.ExpiresAt);
    }
}
