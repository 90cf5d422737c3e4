using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Decisions;
using Scalar.AspNetCore;

namespace RiskEngine.Api.Documentation;

/// <summary>
/// The API described for the platform's engineers: an OpenAPI document generated from the endpoints themselves
/// (<c>/openapi/v1.json</c>, for client generators) and a reference page over it (<c>/docs</c>). Built on first
/// request, off the decision path.
/// </summary>
public static class ApiDocumentation
{
    private const string ApiKeyScheme = "ApiKey";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "RiskEngine",
                Version = "v1",
                Description = "Risk decisions per sensitive action (allow, block, or step up to a biometric face re-authentication), " +
                    "step-up sessions, per-tenant policy and data-subject deletion. Errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyMiddleware.Header,
                Description = "A tenant's API key. Its scopes (decide, admin) decide which endpoints it may call.",
            };
            return Task.CompletedTask;
        });
        // Every endpoint that needs a key says so, with the answers any such endpoint can give before it runs.
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyRequirement>().FirstOrDefault() is not { } requirement)
                return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
            operation.Description = $"Scope: `{requirement.Scopes.ToString().ToLowerInvariant()}`." +
                (operation.Description is { } description ? $" {description}" : "");
            operation.Responses ??= [];
            operation.Responses["401"] = new OpenApiResponse { Description = "Missing or unknown API key" };
            operation.Responses["403"] = new OpenApiResponse { Description = "The key lacks the scope" };
            operation.Responses["429"] = new OpenApiResponse { Description = "Over the tenant's rate limit; see Retry-After" };
            return Task.CompletedTask;
        });
        // Reasons are written by a converter of their own, which the schema generator cannot see through; a decision
        // request's body type is looser than its contract (see DecisionRequestSchema).
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ReasonSet))
            {
                schema.Type = JsonSchemaType.Array;
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. JsonEnumNames<Reason>.All.Select(n => (JsonNode)n)] };
            }
            else if (context.JsonTypeInfo.Type == typeof(DecisionRequestBody)) DecisionRequestSchema.Describe(schema);
            // Numbers are also read when sent as strings (JSON's web defaults), but they are numbers: documented as such,
            // clients generated from the document do not get a number-or-string type.
            if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
            {
                schema.Type = type & ~JsonSchemaType.String;
                schema.Pattern = null;
            }
            return Task.CompletedTask;
        });
    });

    /// <summary>
    /// Documents the JSON body of an endpoint that reads it itself (to name every bad field), without the
    /// <c>Accepts</c> metadata that would let routing refuse other content types before the endpoint can explain.
    /// </summary>
    public static RouteHandlerBuilder DocumentsJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
            },
        });

    public static void MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options.WithTitle("RiskEngine API"));
    }
}
