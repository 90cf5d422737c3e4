namespace RiskEngine.StepUps;

public sealed record StepUpCallbackData(string SessionId, string? DecisionId, string? UserId, StepUpMethod? Method, SessionStatus Status);
