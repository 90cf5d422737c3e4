namespace RiskEngine.StepUps;

/// <summary>Opens biometric re-authentication sessions at an identity provider (Didit, or the sandbox).</summary>
public interface IStepUpProvider
{
    /// <exception cref="StepUpProviderUnavailableException">the provider could not be reached or refused.</exception>
    Task<ProviderSession> CreateSessionAsync(ProviderSessionRequest request, CancellationToken cancellationToken);
}
