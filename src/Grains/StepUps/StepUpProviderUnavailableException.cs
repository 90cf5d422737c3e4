namespace RiskEngine.StepUps;

/// <summary>
/// The identity provider could not be reached or refused: for a new session the policy's fallback decides instead;
/// a deletion fails and is retried.
/// </summary>
public sealed class StepUpProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
