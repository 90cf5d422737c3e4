namespace RiskEngine.Load.Harness;

/// <summary>
/// When the k-th call of an open-model phase is meant to start, in seconds from the phase start. A rate
/// that moves linearly from r0 to r1 over T has N(t) = r0·t + (r1 − r0)·t² / 2T calls by t; this inverts it.
/// </summary>
public readonly record struct Schedule(double StartRate, double EndRate, double Seconds)
{
    public static Schedule For(LoadSimulation phase, double previousRate) => phase switch
    {
        InjectSimulation i => new(PerSecond(i.Rate, i.Interval), PerSecond(i.Rate, i.Interval), i.During.TotalSeconds),
        RampingInjectSimulation r => new(previousRate, PerSecond(r.Rate, r.Interval), r.During.TotalSeconds),
        _ => throw new ArgumentException("only open-model phases have a schedule", nameof(phase)),
    };

    /// <summary>Calls the phase makes in all.</summary>
    public long Count => (long)Math.Floor((StartRate + EndRate) / 2 * Seconds);

    public double SecondsOf(long k)
    {
        var slope = (EndRate - StartRate) / Seconds;
        if (Math.Abs(slope) < 1e-12) return k / StartRate;
        return (-StartRate + Math.Sqrt(StartRate * StartRate + 2 * slope * k)) / slope;
    }

    private static double PerSecond(double rate, TimeSpan interval) => rate / interval.TotalSeconds;
}
