using System.Collections.Concurrent;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>Callbacks the fake platform received, sorted by session, so parallel tests wait only for their own.</summary>
public sealed class CallbackInbox
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RecordedRequest>> _bySession = new();

    public CallbackInbox(FakeHttpServer platform) => _ = PumpAsync(platform);

    /// <summary>
    /// Waits until <paramref name="count"/> callbacks for <paramref name="sessionId"/> report <paramref name="status"/>
    /// (deliveries, retries included), and returns the first.
    /// </summary>
    public async Task<RecordedRequest> WaitForAsync(string sessionId, string status, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var signal = _signals.GetOrAdd(sessionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var matches = Of(sessionId).Where(r => r.Json.GetProperty("data").GetProperty("status").GetString() == status).ToList();
            if (matches.Count >= count) return matches[0];
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no '{status}' callback for session {sessionId}");
            await signal.Task.WaitAsync(left).ContinueWith(_ => { });
            _signals.TryRemove(sessionId, out _);
        }
    }

    public IReadOnlyList<RecordedRequest> Of(string sessionId) =>
        _bySession.TryGetValue(sessionId, out var queue) ? [.. queue] : [];

    private async Task PumpAsync(FakeHttpServer platform)
    {
        while (true)
        {
            var request = await platform.NextRequestAsync(Timeout.InfiniteTimeSpan);
            var session = request.Json.GetProperty("data").GetProperty("session_id").GetString()!;
            _bySession.GetOrAdd(session, _ => new ConcurrentQueue<RecordedRequest>()).Enqueue(request);
            if (_signals.TryRemove(session, out var signal)) signal.TrySetResult();
        }
    }
}
