using RiskEngine.Decisions;
using RiskEngine.StepUps;

namespace RiskEngine.Users;

/// <summary>One user's risk history and decisions. Key: <c>{tenant}/{user_id}</c> (see <see cref="GrainKeys"/>).</summary>
[Alias("IUserRiskGrain")]
public interface IUserRiskGrain : IGrainWithStringKey
{
    /// <remarks>A <see cref="ValueTask{T}"/>: the caller awaits Orleans' own completion source, with no task made
    /// around it, and a decision the grain makes without waiting allocates no task for its result.</remarks>
    [Alias("Decide")]
    ValueTask<DecisionResult> DecideAsync(DecisionRequest request);

    /// <summary>
    /// A step-up session of this user reached <paramref name="status"/>: Approved enrols its device and network
    /// and unlocks; Declined counts toward the lock. Repeated deliveries change nothing.
    /// </summary>
    [Alias("ApplyStepUp")]
    Task ApplyStepUpAsync(string sessionId, SessionStatus status, DateTimeOffset at);

    /// <summary>What the engine keeps of this user; null for a user it knows nothing of.</summary>
    [Alias("Get")]
    Task<UserView?> GetAsync();

    /// <summary>
    /// An operator's unlock: clears the lock and the declines behind it, recording when and by whom
    /// (<paramref name="unlockedBy"/>: the API key's name). A user with nothing to lift is left as they are.
    /// </summary>
    [Alias("Unlock")]
    Task UnlockAsync(string unlockedBy);

    /// <summary>
    /// Data-subject deletion: erases the user's history, remembered answers and step-up sessions from storage,
    /// then deactivates. The next decision for this user id starts from nothing. The log keeps that a user of the tenant
    /// was deleted, and by whom (<paramref name="forgottenBy"/>: the API key's name), and nothing of the user.
    /// </summary>
    [Alias("Forget")]
    Task ForgetAsync(string forgottenBy);
}
