using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Documentation;
using RiskEngine.Api.Errors;
using RiskEngine.Api.Json;

namespace RiskEngine.Api.Policies;

public static class PolicyEndpoints
{
    public const long MaxBodyBytes = 64 * 1024;

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policy = app.MapGroup("/v1/policy").RequireApiKey(ApiScopes.Admin).WithTags("Policy");
        policy.MapGet("", GetAsync).WithSummary("The tenant's policy, with its version (also its ETag)");
        policy.MapGet("/versions", VersionsAsync).WithSummary("The kept versions of the tenant's policy, newest first, with when each was saved");
        policy.MapGet("/versions/{version:int}", GetVersionAsync)
            .WithSummary("One kept version: the policy a decision naming that version was decided under")
            .ProducesProblem(StatusCodes.Status404NotFound);
        policy.MapPut("", PutAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Replace the tenant's policy: validated whole, saved as the next version; with If-Match, only on top of that version")
            .DocumentsJsonBody<Policy>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        policy.MapPost("/simulate", SimulateAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("What a candidate policy would decide on the last hours' decisions (24 unless ?hours= says 1 to 24), beside the current policy; nothing is saved")
            .DocumentsJsonBody<Policy>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Ok<Policy>> GetAsync(Tenant tenant, GrainReferenceCache grains, HttpResponse response)
    {
        var current = await grains.Get<IPolicyGrain>(tenant.Id).GetAsync();
        response.Headers.ETag = ETagOf(current.Version);
        return TypedResults.Ok(current);
    }

    private static async Task<Ok<IReadOnlyList<PolicyVersion>>> VersionsAsync(Tenant tenant, GrainReferenceCache grains) =>
        TypedResults.Ok(await grains.Get<IPolicyGrain>(tenant.Id).VersionsAsync());

    private static async Task<Results<Ok<Policy>, ProblemHttpResult>> GetVersionAsync(int version, Tenant tenant, GrainReferenceCache grains) =>
        await grains.Get<IPolicyGrain>(tenant.Id).GetVersionAsync(version) is { } kept
            ? TypedResults.Ok(kept)
            : Problems.Status(StatusCodes.Status404NotFound, "Policy version not found",
                $"Version {version} of this tenant's policy was never saved or is no longer kept (the current one and the {PolicyState.KeptVersions} before it are).");

    /// <summary>
    /// Replaces the whole policy: validated as a whole, saved as the next version, or nothing changes. With
    /// <c>If-Match: "N"</c> (the ETag of a GET), only if N is still the current version, so that two people editing the
    /// policy at once cannot undo each other's change without noticing (412).
    /// </summary>
    private static async Task<Results<Ok<Policy>, ProblemHttpResult>> PutAsync(HttpRequest request, Tenant tenant, GrainReferenceCache grains)
    {
        if (!TryReadIfMatch(request, out var ifVersion))
            return Problems.Field("If-Match", "a policy version as its ETag gives it (\"3\"), or *");
        var (candidate, problem) = await ReadCandidateAsync(request);
        if (problem is not null) return problem;
        try
        {
            var saved = await grains.Get<IPolicyGrain>(tenant.Id).SaveAsync(candidate!, tenant.KeyName, ifVersion);
            request.HttpContext.Response.Headers.ETag = ETagOf(saved.Version);
            return TypedResults.Ok(saved);
        }
        catch (PolicyVersionConflictException e)
        {
            return Problems.Status(StatusCodes.Status412PreconditionFailed, "The policy changed meanwhile", e.Message);
        }
    }

    private static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>No If-Match or <c>*</c>: no condition (null). One strong entity tag holding a version: that version.</summary>
    private static bool TryReadIfMatch(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header == "*") return true;
        if (header is not ['"', .. var tag, '"']
            || !int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
        version = parsed;
        return true;
    }

    /// <summary>Judges a candidate, validated as a PUT would validate it, on the tenant's recent decisions.</summary>
    private static async Task<Results<Ok<PolicySimulation>, ProblemHttpResult>> SimulateAsync(
        HttpRequest request, Tenant tenant, GrainReferenceCache grains, int? hours)
    {
        if (hours is < 1 || hours > DecisionSampler.MaxHours)
            return Problems.Field("hours", $"between 1 and {DecisionSampler.MaxHours} (the decisions of that many hours before now)");
        var (candidate, problem) = await ReadCandidateAsync(request);
        if (problem is not null) return problem;
        return TypedResults.Ok(await grains.Get<IPolicyGrain>(tenant.Id).SimulateAsync(candidate!, hours ?? DecisionSampler.MaxHours));
    }

    private static async Task<(Policy?, ProblemHttpResult?)> ReadCandidateAsync(HttpRequest request)
    {
        var (candidate, problem) = await JsonBody.ReadAsync(request, ApiJsonContext.Default.Policy);
        if (problem is not null) return (null, problem);
        var errors = PolicyValidator.Validate(candidate!);
        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (candidate, null);
    }
}
