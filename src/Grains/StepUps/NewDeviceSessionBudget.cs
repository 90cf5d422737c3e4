namespace RiskEngine.StepUps;

/// <summary>
/// A tenant's step-up sessions for devices their users are not known on: at most <see cref="PerMinute"/> within any
/// minute. A sliding window rather than a refilling bucket, whose burst on top of its rate could pass twice as many in
/// one minute as Didit's per-minute rate limit takes. Pure: the caller gives the time.
/// </summary>
public sealed class NewDeviceSessionBudget(int perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTime> _taken = new();

    /// <summary>0: no budget.</summary>
    public int PerMinute { get; } = perMinute;

    /// <summary>Takes one session at <paramref name="now"/>, if fewer than <see cref="PerMinute"/> were taken within the minute before.</summary>
    public bool TryTake(DateTime now)
    {
        if (PerMinute == 0) return true;
        while (_taken.TryPeek(out var oldest) && oldest <= now - Window) _taken.Dequeue();
        if (_taken.Count >= PerMinute) return false;
        _taken.Enqueue(now);
        return true;
    }
}
