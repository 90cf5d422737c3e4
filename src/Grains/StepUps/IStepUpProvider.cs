namespace RiskEngine.StepUps;

/// <summary>Opens biometric re-authentication sessions at an identity provider (Didit, or the sandbox).</summary>
public interface IStepUpProvider
{
    /// <exception cref="StepUpProviderUnavailableException">the provider could not be reached or refused.</exception>
    Task<ProviderSession> CreateSessionAsync(ProviderSessionRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what the provider keeps of a session (its portraits and liveness recordings): its user's data-subject
    /// deletion. Done once the provider no longer has the session, so repeating it is harmless.
    /// </summary>
    /// <exception cref="StepUpProviderUnavailableException">the provider could not be reached or refused.</exception>
    Task DeleteSessionAsync(string tenantId, string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of the sessions the provider holds for this user in the engine's own workflows, including those the
    /// engine no longer keeps itself (a user keeps only the newest <see cref="Users.HistoryLimits.Sessions"/>).
    /// </summary>
    /// <exception cref="StepUpProviderUnavailableException">the provider could not be reached or refused.</exception>
    Task<IReadOnlyCollection<string>> FindUserSessionsAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
