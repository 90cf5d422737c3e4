using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Decisions;
using RiskEngine.Api.Documentation;
using RiskEngine.Api.Errors;
using RiskEngine.Api.Health;
using RiskEngine.Api.Json;
using RiskEngine.Api.Limits;
using RiskEngine.Api.Policies;
using RiskEngine.Api.Sandbox;
using RiskEngine.Api.StepUps;
using RiskEngine.Api.Telemetry;
using RiskEngine.Api.Users;
using RiskEngine.Api.Webhooks;
using RiskEngine.Hosting;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(RiskEngineOptionsSetup.DefaultUrl);
// Body sizes and timeouts from Kestrel__Limits__… (defaults in appsettings.json); endpoints that take more say so.
builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));

var redis = RiskEngineHostingExtensions.RedisOptions(builder.Configuration);
var mode = builder.Configuration.GetValue($"{RiskEngineOptions.Section}:{nameof(RiskEngineOptions.Mode)}", EngineMode.Embedded);
// The dashboard's collectors run in every silo; its UI is served by the API (see /dashboard below).
if (mode == EngineMode.Client) builder.AddRiskEngineClient(client => client.AddDashboard());
else builder.AddRiskEngineSilo(gatewayByDefault: false, silo => silo.AddDashboard());
if (redis is not null) builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));

builder.Services.AddSingleton<ApiKeyAuthenticator>();
builder.Services.AddSingleton<SandboxWebhooks>();
builder.Services.AddHttpClient(SandboxWebhooks.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.RespectNullableAnnotations = true;
    o.SerializerOptions.RespectRequiredConstructorParameters = true;
});
builder.Services.AddProblemDetails();
builder.Services.AddApiDocumentation();
builder.Services.AddExceptionHandler<TransientFailureHandler>();
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so BadRequestHandler can name the parameter
builder.Services.AddRiskEngineHealthChecks(redis is not null);
builder.Services.AddSingleton<TenantRateLimits>();
builder.AddRiskEngineTelemetry(hostsGrains: mode != EngineMode.Client);

var app = builder.Build();

app.UseExceptionHandler();
app.UseRouting();
// Bare error statuses (no such route, a method not allowed, a parameter that did not bind) become problem details.
app.UseWhen(static context => context.GetEndpoint()?.Metadata.GetMetadata<WritesItsOwnProblems>() is null, static branch => branch.UseStatusCodePages());
app.UseMiddleware<DeclaredBodySizeMiddleware>();
app.UseMiddleware<ApiKeyMiddleware>();
app.UseMiddleware<TenantRateLimitMiddleware>();

app.MapHealthEndpoints();
app.MapRiskEngineMetrics();
app.MapOrleansDashboard("/dashboard").RequireApiKey(ApiScopes.Admin).ExcludeFromDescription();
app.MapApiDocumentation();
app.MapDecisionEndpoints();
app.MapPolicyEndpoints();
app.MapStepUpEndpoints();
app.MapUserEndpoints();
app.MapDiditWebhookEndpoints();
if (app.Services.GetRequiredService<IOptions<RiskEngineOptions>>().Value.Provider == ProviderKind.Sandbox) app.MapSandboxEndpoints();

GarbageCollectorSettings.Log(app.Logger);
if (redis is null && mode == EngineMode.Embedded)
    app.Logger.LogWarning("Embedded mode: grain state is in memory and is lost when the process exits. Set ConnectionStrings__Redis to keep it.");
app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));

app.Run();

// The dev key goes to the console, never to the log pipeline.
static void PrintBanner(WebApplication app)
{
    var options = app.Services.GetRequiredService<IOptions<RiskEngineOptions>>().Value;
    var setup = app.Services.GetRequiredService<RiskEngineOptionsSetup>();
    var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    Console.WriteLine($"RiskEngine listening on {string.Join(", ", addresses)} (mode: {options.Mode}, provider: {options.Provider})");
    Console.WriteLine(setup.DevApiKeyGenerated
        ? $"Dev API key (tenant \"{RiskEngineOptionsSetup.DevTenant}\", scopes decide+admin): {options.DevApiKey}"
        : $"Dev API key: the one set in RiskEngine__DevApiKey (tenant \"{RiskEngineOptionsSetup.DevTenant}\")");
}
