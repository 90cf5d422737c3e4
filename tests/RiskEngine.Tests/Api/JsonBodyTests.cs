using Microsoft.AspNetCore.Http;
using RiskEngine.Api.Json;

namespace RiskEngine.Tests.Api;

public sealed class JsonBodyTests
{
    // The same verdicts as ASP.NET's HttpRequest.HasJsonContentType, which the check replaces on the hot path.
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=UTF-8")]
    [InlineData(" application/json ")]
    [InlineData("application/merge-patch+json")]
    [InlineData("text/plain")]
    [InlineData("application/jsonx")]
    [InlineData("application/json, text/plain")]
    [InlineData("json")]
    [InlineData("+json")]
    [InlineData("")]
    [InlineData(null)]
    public void Json_content_types_are_recognised_as_aspnet_does(string? contentType)
    {
        var request = new DefaultHttpContext().Request;
        request.ContentType = contentType;
        Assert.Equal(request.HasJsonContentType(), JsonBody.IsJson(contentType));
    }
}
