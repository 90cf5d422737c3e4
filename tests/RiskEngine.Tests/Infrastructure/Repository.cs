namespace RiskEngine.Tests.Infrastructure;

/// <summary>The repository the tests were built from (the folder holding <c>RiskEngine.sln</c>).</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RiskEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("RiskEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
