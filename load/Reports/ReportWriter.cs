using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RiskEngine.Load.Harness;

namespace RiskEngine.Load.Reports;

/// <summary>Writes <c>report.md</c>, a self-contained <c>report.html</c> (inline SVG charts) and <c>stats.json</c>.</summary>
public static partial class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static async Task WriteAsync(string directory, RunReport report)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(report));
        await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), Html(report));
        await File.WriteAllTextAsync(Path.Combine(directory, "stats.json"), JsonSerializer.Serialize(report, Json));
    }

    public static string Markdown(RunReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Load report: {report.Command}").AppendLine();
        md.AppendLine($"Target `{report.Target}`, started {report.StartedAt:u}, on {report.Machine}.").AppendLine();
        md.AppendLine("| scenario | model | seconds | requests | failed | rps | p50 ms | p75 ms | p95 ms | p99 ms | p99.9 ms | max ms | lag p99 ms | valid | generator CPU (cores) | CPU stolen by the hypervisor |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in report.Scenarios)
        {
            var x = s.Stats;
            var l = x.Latency;
            md.AppendLine(Invariant($"| {s.Title} | {x.Model} | {x.Seconds:0.0} | {x.Requests} | {x.Failed} | {x.Rps:0} | {l.P50:0.00} | {l.P75:0.00} | {l.P95:0.00} | {l.P99:0.00} | {l.P999:0.00} | {l.Max:0.00} | {x.Lag.P99:0.00} | {(x.Valid ? "yes" : "**no**")} | {x.GeneratorCores:0.00} | {Percent(x.StealPercent)} |"));
        }
        foreach (var s in report.Scenarios)
        {
            md.AppendLine().AppendLine($"## {s.Title}").AppendLine();
            md.AppendLine(Invariant($"Measured from {s.Stats.StartedAt:yyyy-MM-dd HH:mm:ss.fff} UTC; the timeline's seconds count from then.")).AppendLine();
            if (s.Stats.InvalidReason is { } reason) md.AppendLine($"**Invalid run:** {reason}").AppendLine();
            md.AppendLine("Status codes: " + string.Join(", ", s.Stats.StatusCodes.Select(c => $"{(c.Key == 0 ? "none" : c.Key)}: {c.Value}")));
            if (s.Stats.Errors.Count > 0)
                md.AppendLine().AppendLine("Errors: " + string.Join(", ", s.Stats.Errors.Select(e => $"{e.Key}: {e.Value}")));
            foreach (var t in s.Thresholds)
                md.AppendLine().AppendLine(Invariant($"Threshold `{t.Threshold}`: {(t.Passed ? "passed" : "**FAILED**")} (measured {t.Actual:0.###})"));
        }
        return md.ToString();
    }

    private static string Html(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RiskEngine load report</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:64rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>");
        html.Append(MarkdownToHtml(Markdown(report)));
        foreach (var s in report.Scenarios)
        {
            var t = s.Stats.Timeline;
            html.Append($"<h2>{System.Net.WebUtility.HtmlEncode(s.Title)}: over time</h2>");
            html.Append(SvgChart.Lines("Latency percentiles (from intended start)", "ms",
            [
                ("p50", "#1f77b4", [.. t.Select(p => (p.Second, p.P50))]),
                ("p99", "#d62728", [.. t.Select(p => (p.Second, p.P99))]),
                ("max", "#999999", [.. t.Select(p => (p.Second, p.Max))]),
                ("generator lag p99", "#ff7f0e", [.. t.Select(p => (p.Second, p.LagP99))]),
            ]));
            html.Append(SvgChart.Lines("Throughput", "requests/s",
            [
                ("completed", "#2ca02c", [.. t.Select(p => (p.Second, (double)p.Requests))]),
                ("failed", "#d62728", [.. t.Select(p => (p.Second, (double)p.Failed))]),
            ]));
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>Just enough Markdown to HTML for this report: headings, paragraphs, the table, bold and code.</summary>
    private static string MarkdownToHtml(string markdown)
    {
        var html = new StringBuilder();
        var inTable = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = System.Net.WebUtility.HtmlEncode(raw.TrimEnd('\r'));
            if (line.StartsWith('|'))
            {
                if (line.StartsWith("|---")) continue;
                var cells = line.Trim('|').Split('|').Select(c => Inline(c.Trim()));
                var tag = inTable ? "td" : "th";
                html.Append(inTable ? "" : "<table>").Append("<tr>").Append(string.Concat(cells.Select(c => $"<{tag}>{c}</{tag}>"))).Append("</tr>");
                inTable = true;
                continue;
            }
            if (inTable) html.Append("</table>");
            inTable = false;
            if (line.StartsWith("# ")) html.Append($"<h1>{line[2..]}</h1>");
            else if (line.StartsWith("## ")) html.Append($"<h2>{line[3..]}</h2>");
            else if (line.Length > 0) html.Append($"<p>{Inline(line)}</p>");
        }
        if (inTable) html.Append("</table>");
        return html.ToString();
    }

    // A failed threshold or an invalid run stays as prominent in the HTML as in the Markdown.
    private static string Inline(string encoded) =>
        Code().Replace(Bold().Replace(encoded, "<strong>$1</strong>"), "<code>$1</code>");

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value is { } v ? Invariant($"{v:0.0} %") : "n/a";
}
