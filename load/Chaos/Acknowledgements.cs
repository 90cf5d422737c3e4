using System.Collections.Concurrent;

namespace RiskEngine.Load.Chaos;

/// <summary>
/// What the engine acknowledged during a run, to be looked for after it: each decision answered for an
/// idempotency key (asking again must return the same decision), and each step-up session with the last
/// status a webhook for it was answered 200 (the session must show it).
/// </summary>
public sealed class Acknowledgements
{
    private readonly ConcurrentQueue<(string Body, string DecisionId)> _decisions = new();
    private readonly ConcurrentDictionary<string, string> _sessions = new();

    public IReadOnlyCollection<(string Body, string DecisionId)> Decisions => _decisions;

    public IReadOnlyDictionary<string, string> Sessions => _sessions;

    public void Decision(string body, string decisionId) => _decisions.Enqueue((body, decisionId));

    /// <summary>A session's statuses are acknowledged in order by one flow, so the last one wins.</summary>
    public void Session(string sessionId, string status) => _sessions[sessionId] = status;
}
