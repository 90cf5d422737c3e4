namespace RiskEngine.Load.Harness;

/// <summary>What one scenario step returns: ok or failed, with the HTTP status (0 for none) and why.</summary>
public readonly record struct Response(bool IsOk, int StatusCode, string? Error = null)
{
    public static Response Ok(int statusCode = 200) => new(true, statusCode);

    public static Response Fail(int statusCode = 0, string? error = null) => new(false, statusCode, error);
}
