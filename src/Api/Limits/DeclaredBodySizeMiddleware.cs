using Microsoft.AspNetCore.Http.Features;
using RiskEngine.Api.Errors;

namespace RiskEngine.Api.Limits;

/// <summary>
/// Kestrel enforces a body size only when the body is read, so an endpoint that ignores its body would
/// take any size. A declared length over the endpoint's limit (set by routing from its metadata, else
/// <c>Kestrel__Limits__MaxRequestBodySize</c>) is refused before anything runs.
/// </summary>
public sealed class DeclaredBodySizeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ? Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body exceeds this endpoint's limit.").ExecuteAsync(context)
            : next(context);
}
