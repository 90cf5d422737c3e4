using System.Globalization;
using System.Text;

namespace RiskEngine.Load.Reports;

/// <summary>A minimal line chart as inline SVG: self-contained reports need no script, font or image files.</summary>
public static class SvgChart
{
    private const int Width = 720, Height = 220, Left = 56, Right = 12, Top = 26, Bottom = 28;

    public static string Lines(string title, string unit, IReadOnlyList<(string Name, string Color, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var maxX = Math.Max(1, all.Count == 0 ? 1 : all.Max(p => p.X));
        var maxY = Nice(all.Count == 0 ? 1 : all.Max(p => p.Y));
        string X(double x) => F(Left + x / maxX * (Width - Left - Right));
        string Y(double y) => F(Height - Bottom - y / maxY * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{Escape(title)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(value)}\" y2=\"{Y(value)}\" stroke=\"#ddd\"/>");
            svg.Append($"<text x=\"{Left - 6}\" y=\"{Y(value)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{F(value)}</text>");
        }
        svg.Append($"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">seconds</text>");
        svg.Append($"<text x=\"12\" y=\"{Top - 6}\">{Escape(unit)}</text>");
        var legendX = Left + 180;
        foreach (var (name, color, points) in series)
        {
            if (points.Count > 0)
                svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\" points=\"{string.Join(' ', points.Select(p => $"{X(p.X)},{Y(p.Y)}"))}\"/>");
            svg.Append($"<rect x=\"{legendX}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{legendX + 14}\" y=\"17\">{Escape(name)}</text>");
            legendX += 18 + name.Length * 7;
        }
        return svg.Append("</svg>").ToString();
    }

    private static double Nice(double max)
    {
        if (max <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
