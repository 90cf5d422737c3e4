using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RiskEngine.Api.Decisions;

namespace RiskEngine.Api.Documentation;

/// <summary>
/// The contract of <see cref="DecisionRequestBody"/> for the OpenAPI document. The body type itself is loose (every
/// field optional, as text) so the validator can name each bad field; this says what the validator accepts.
/// </summary>
public static class DecisionRequestSchema
{
    public static void Describe(OpenApiSchema schema)
    {
        schema.Required = new HashSet<string> { "user_id", "action", "device_id", "ip" };
        foreach (var required in schema.Required) ((OpenApiSchema)schema.Properties![required]).Type = JsonSchemaType.String;
        schema.Description = "`amount` and `currency` are required for `transfer`. Bad input gets 400 naming each bad field " +
            "and never changes state.";
        Property(schema, "user_id", "The platform's id of the user.", DecisionRequestValidator.MaxUserIdLength);
        Property(schema, "action", "The sensitive action.").Enum = [.. JsonEnumNames<UserAction>.All.Select(n => (JsonNode)n)];
        Property(schema, "device_id", "The platform's id of the user's device.", DecisionRequestValidator.MaxDeviceIdLength);
        Property(schema, "ip", "The user's IPv4 or IPv6 address.");
        Property(schema, "amount", "A transfer's amount, from 0 to 10^18.");
        Property(schema, "currency", "ISO 4217 code of the amount.");
        Property(schema, "user_agent", "The user's browser or app.", DecisionRequestValidator.MaxUserAgentLength);
        Property(schema, "occurred_at", "When the user acted, from a year ago to now; now when absent.");
        Property(schema, "idempotency_key", "The same key within 24 h returns the first answer; with another request, 422.",
            DecisionRequestValidator.MaxIdempotencyKeyLength);
        Property(schema, "portrait_image", "A base64 JPEG of at most 1 MB decoded, passed to the identity provider for a " +
            "face match; never stored or logged.");
    }

    private static OpenApiSchema Property(OpenApiSchema schema, string name, string description, int? maxLength = null)
    {
        var property = (OpenApiSchema)schema.Properties![name];
        property.Description = description;
        property.MaxLength = maxLength;
        return property;
    }
}
