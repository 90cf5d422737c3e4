using System.Text;
using System.Text.Encodings.Web;

namespace RiskEngine.Api.Sandbox;

/// <summary>The sandbox's stand-in for Didit's hosted page: the session, and a button per verdict.</summary>
public static class SandboxPage
{
    public static string Render(string tenantId, StepUpSessionView session)
    {
        static string E(object? value) => HtmlEncoder.Default.Encode(value?.ToString() ?? "—");
        var history = new StringBuilder();
        foreach (var change in session.History)
            history.Append($"<li>{E(JsonEnumNames<SessionStatus>.Name(change.Status))} <small>{E(change.At.ToString("u"))}</small></li>");
        var buttons = new StringBuilder();
        foreach (var (name, status) in SandboxVerdict.ByName)
            buttons.Append($"<button name=\"verdict\" value=\"{E(name)}\">{E(JsonEnumNames<SessionStatus>.Name(status))}</button> ");
        var method = session.Method is { } m ? JsonEnumNames<StepUpMethod>.Name(m) : null;

        return $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>RiskEngine sandbox step-up</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
            button{font-size:1rem;padding:.5rem 1rem;margin:.25rem}code{background:#eee;padding:0 .2rem}</style></head>
            <body>
            <h1>Sandbox face check</h1>
            <p>This page stands in for Didit's biometric check ({{E(method)}}). Pick the verdict Didit would send:
            the engine receives it as a signed Didit webhook.</p>
            <p>Session <code>{{E(session.SessionId)}}</code> of user <code>{{E(session.UserId)}}</code> (tenant <code>{{E(tenantId)}}</code>)<br>
            Status: <strong>{{E(JsonEnumNames<SessionStatus>.Name(session.Status))}}</strong></p>
            <form method="post">{{buttons}}</form>
            <h2>History</h2><ul>{{history}}</ul>
            </body></html>
            """;
    }
}
