using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Configuration;

namespace RiskEngine.StepUps;

/// <summary>
/// The built-in provider: sessions live at a page the engine itself serves, where a person picks the
/// verdict. Lets a fresh checkout show the whole step-up flow without a Didit account.
/// </summary>
public sealed class SandboxStepUpProvider(IOptions<RiskEngineOptions> options, [FromKeyedServices(Clock.Key)] TimeProvider time) : IStepUpProvider
{
    public Task<ProviderSession> CreateSessionAsync(ProviderSessionRequest request, CancellationToken cancellationToken)
    {
        var sessionId = Uuid.Version7(time.GetUtcNow()).ToString(); // a UUID, as Didit's are, without a system call
        var url = $"{options.Value.PublicBaseUrl!.TrimEnd('/')}/sandbox/sessions/{request.TenantId}/{sessionId}";
        return Task.FromResult(new ProviderSession(sessionId, url));
    }

    /// <summary>The sandbox keeps nothing of its own: a session is only its grain's state.</summary>
    public Task DeleteSessionAsync(string tenantId, string sessionId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyCollection<string>> FindUserSessionsAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([]);
}
