using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskEngine.Api.Errors;

namespace RiskEngine.Api.Json;

/// <summary>
/// Reads a JSON request body, turning every way it can be unreadable into the problem a client can act
/// on: 415 for another content type, 413 over the endpoint's size limit, 400 naming the field at fault.
/// </summary>
public static class JsonBody
{
    public static async ValueTask<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type) where T : class
    {
        if (!IsJson(request.ContentType))
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Field("$", "the body must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            var missing = e.Message.IndexOf("including: ", StringComparison.Ordinal);
            return (null, Problems.Field(field,
                missing >= 0 ? "missing required field(s): " + e.Message[(missing + 11)..].TrimEnd('.')
                // Refused rather than taking one of them: a proxy in front may have checked the other.
                : e.Message.StartsWith("Duplicate property", StringComparison.Ordinal) ? "given more than once"
                // A reader error is broken syntax; anything else is a well-formed value of the wrong kind.
                : field == "$" || e.InnerException?.GetType().Name == "JsonReaderException"
                    ? $"malformed JSON near line {e.LineNumber + 1}, byte {e.BytePositionInLine}"
                : "not a valid value here: wrong type or format, or null where a value is required"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body exceeds this endpoint's limit."));
        }
    }

    /// <summary>
    /// What ASP.NET's <c>HasJsonContentType</c> accepts (<c>application/json</c> or a <c>+json</c> type, any
    /// parameters), without parsing the header into objects on every request.
    /// </summary>
    public static bool IsJson(string? contentType)
    {
        var media = contentType.AsSpan();
        if (media.IndexOf(';') is var parameters and >= 0) media = media[..parameters];
        media = media.Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && media.IndexOf('/') > 0);
    }

    /// <summary>"$.thresholds.high_value_txn.default" → "thresholds.high_value_txn.default".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.TrimStart('$', '.');
}
