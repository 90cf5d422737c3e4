namespace RiskEngine.StepUps;

/// <summary>A session the provider opened: its id and the URL the user is sent to.</summary>
public sealed record ProviderSession(string SessionId, string Url);
