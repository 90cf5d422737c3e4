namespace RiskEngine.Load.Scenarios;

/// <summary>
/// Draws user ranks 0..n-1 with Zipf popularity (weight 1/(rank+1)^s): a few users act very often, most
/// rarely, as on a real platform, so some grains are hot and many cold.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int count, double exponent = 1.0)
    {
        _cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++) _cumulative[i] = sum += 1 / Math.Pow(i + 1, exponent);
        for (var i = 0; i < count; i++) _cumulative[i] /= sum;
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
