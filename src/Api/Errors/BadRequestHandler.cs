using Microsoft.AspNetCore.Diagnostics;

namespace RiskEngine.Api.Errors;

/// <summary>
/// A request ASP.NET itself finds bad (a query or route value that does not bind, such as <c>?hours=many</c>)
/// answers its status as problem details saying which parameter, in every environment; without this it was a
/// bare 400 in production and a 500 in development, where minimal APIs throw instead.
/// </summary>
public sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        // Only the parameter's name and the caller's own value: "Failed to bind parameter "Nullable<int> hours" from "many"."
        await Problems.Status(bad.StatusCode, "Bad request", bad.Message).ExecuteAsync(context);
        return true;
    }
}
