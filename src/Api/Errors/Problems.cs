namespace RiskEngine.Api.Errors;

/// <summary>RFC 9457 problem details, as one result type for every error an endpoint returns.</summary>
public static class Problems
{
    /// <summary>400 (or <paramref name="status"/>) naming each bad field under <c>errors</c>.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = "One or more fields are invalid.",
        });

    public static ProblemHttpResult Field(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, status);

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
