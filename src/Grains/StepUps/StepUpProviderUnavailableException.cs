namespace RiskEngine.StepUps;

/// <summary>The identity provider could not open a session; the policy's fallback decides instead.</summary>
public sealed class StepUpProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
