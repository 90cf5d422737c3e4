namespace RiskEngine.Api.Webhooks;

/// <summary>The <c>reason</c> tag of <c>riskengine_webhooks_rejected_total</c>.</summary>
public static class WebhookRejectionReasons
{
    public const string UnknownTenant = "unknown_tenant", Stale = "stale", BadSignature = "bad_signature", NotJson = "not_json",
        NotAWebhook = "not_a_webhook", Incomplete = "incomplete";

    public static readonly string[] All = [UnknownTenant, Stale, BadSignature, NotJson, NotAWebhook, Incomplete];
}
