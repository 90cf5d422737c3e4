using System.Collections;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace RiskEngine.Tests.Deployment;

/// <summary>
/// docker-compose.yml and the Dockerfiles cannot run here (no Docker engine), so they are parsed and held
/// to the code: services, ports, environment names, volumes, images, entry points.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly Dictionary<string, object> Compose = LoadCompose();
    private static Dictionary<object, object> Services => Map(Compose["services"]);

    private static Dictionary<string, object> LoadCompose()
    {
        using var reader = new StringReader(File.ReadAllText(Repository.PathOf("docker-compose.yml")));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
    }

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static Dictionary<object, object> Service(string name) => Map(Services[name]);

    /// <summary>A service's environment, with compose's <c>${VAR:?…}</c> substitutions filled as an operator would.</summary>
    private static Dictionary<string, string> Environment(string service) =>
        Map(Service(service)["environment"]).ToDictionary(e => (string)e.Key,
            e => Substitution().Replace((string)e.Value, "operator-chosen-key-0123456789abcdef"));

    private static List<string> List(object node) => ((IEnumerable)node).Cast<object>().Select(o => o.ToString()!).ToList();

    [GeneratedRegex(@"\$\{[A-Z_]+(:[?-][^}]*)?\}")]
    private static partial Regex Substitution();

    [Fact]
    public void Compose_runs_redis_two_silos_a_client_mode_api_and_an_optional_geoipupdate()
    {
        Assert.Equal(["api", "geoipupdate", "redis", "silo1", "silo2"], Services.Keys.Cast<string>().Order());
        Assert.Equal(["geoip"], List(Service("geoipupdate")["profiles"]));
        Assert.Equal(nameof(EngineMode.Client), Environment("api")["RiskEngine__Mode"]);
        foreach (var engine in new[] { "silo1", "silo2", "api" })
            Assert.Contains("redis", Map(Service(engine)["depends_on"]).Keys.Cast<string>());
    }

    [Fact]
    public void Redis_keeps_an_append_only_file_on_a_declared_volume()
    {
        var command = string.Join(" ", List(Service("redis")["command"]));
        Assert.Contains("--appendonly yes", command);
        Assert.Contains("redis-data:/data", List(Service("redis")["volumes"]));
    }

    [Fact]
    public void Every_named_volume_a_service_mounts_is_declared()
    {
        var declared = Map(Compose["volumes"]).Keys.Cast<string>().ToHashSet();
        foreach (var (name, service) in Services)
        {
            if (!Map(service).TryGetValue("volumes", out var volumes)) continue;
            foreach (var volume in List(volumes).Select(v => v.Split(':')[0]).Where(v => !v.StartsWith('.') && !v.StartsWith('/')))
                Assert.True(declared.Contains(volume), $"{name} mounts undeclared volume {volume}");
        }
    }

    [Fact]
    public void The_silos_read_the_geoip_databases_where_geoipupdate_writes_them()
    {
        var updater = Service("geoipupdate");
        var updaterMount = List(updater["volumes"]).Single().Split(':');
        var editions = Map(updater["environment"])["GEOIPUPDATE_EDITION_IDS"].ToString()!.Split(' ');
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            var mount = List(Service(silo)["volumes"]).Single(v => v.StartsWith(updaterMount[0] + ":")).Split(':');
            var env = Environment(silo);
            string[] paths = [env["RiskEngine__GeoIp__CityDatabase"], env["RiskEngine__GeoIp__AsnDatabase"]];
            Assert.All(paths, p => Assert.Equal(mount[1], Path.GetDirectoryName(p)));
            Assert.Equal(editions.Select(e => e + ".mmdb").Order(), paths.Select(Path.GetFileName).Order());
        }
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    [InlineData("api")]
    public void Every_environment_name_is_one_the_engine_reads_and_the_settings_pass_its_validation(string service)
    {
        var env = Environment(service);
        var codeReads = NamesTheCodeReads();
        foreach (var name in env.Keys.Where(n => n != "ASPNETCORE_URLS"))
        {
            var key = name.Replace("__", ":");
            Assert.True(key.StartsWith(RiskEngineOptions.Section + ":") ? BindsToOptions(key) : codeReads.Any(r => key == r || key.StartsWith(r + ":")),
                $"{service}: {name} is not a setting the engine reads");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(env.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), (string?)e.Value))).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRiskEngineOptions(configuration).BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<IOptions<RiskEngineOptions>>().Value); // throws, naming each bad setting, if invalid
        Assert.NotNull(RiskEngineHostingExtensions.RedisOptions(configuration));
    }

    [Fact]
    public void The_api_listens_on_the_port_compose_publishes_and_its_image_exposes()
    {
        var published = List(Service("api")["ports"]).Single().Split(':');
        var listens = new Uri(Environment("api")["ASPNETCORE_URLS"].Replace("+", "localhost")).Port;

        Assert.Equal("5080", published[0]);
        Assert.Equal(published[1], listens.ToString());
        Assert.Contains(listens, Dockerfile("src/Api/Dockerfile").Exposed);
    }

    [Fact]
    public void The_silo_image_exposes_the_ports_compose_configures()
    {
        var exposed = Dockerfile("src/Silo/Dockerfile").Exposed;
        var env = Environment("silo1");
        foreach (var name in new[] { "Orleans__Endpoints__SiloPort", "Orleans__Endpoints__GatewayPort", "RiskEngine__PrometheusPort" })
            Assert.Contains(int.Parse(env[name]), exposed);
    }

    [Theory]
    [InlineData("api", "src/Api/Api.csproj", "aspnet")]
    [InlineData("silo1", "src/Silo/Silo.csproj", null)]
    public void Images_are_multi_stage_non_root_and_start_the_assembly_they_publish(string service, string project, string? runtime)
    {
        var build = Map(Service(service)["build"]);
        var dockerfile = Dockerfile((string)build["dockerfile"]);
        var assembly = XDocument.Load(Repository.PathOf(project)).Descendants("AssemblyName").Single().Value;
        // The silo needs ASP.NET Core's runtime exactly when its build output says so (the dashboard pulls it in).
        runtime ??= File.ReadAllText(Path.Combine(SiloProcess.SiloDirectory, "RiskEngine.Silo.runtimeconfig.json")).Contains("Microsoft.AspNetCore.App") ? "aspnet" : "runtime";

        Assert.Equal(".", build["context"]);
        Assert.True(dockerfile.Stages >= 2, "multi-stage: the SDK builds, a runtime image runs");
        Assert.Matches($@"^FROM mcr\.microsoft\.com/dotnet/{runtime}:10\.0\b", dockerfile.FinalFrom);
        Assert.Contains(dockerfile.Final, l => l.StartsWith("COPY --from=build"));
        Assert.Contains($"dotnet publish {project}", dockerfile.Text);
        var user = Assert.Single(dockerfile.Final, l => l.StartsWith("USER ")).Split(' ')[1];
        Assert.DoesNotContain(user, new[] { "root", "0" });
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", dockerfile.Final.Last());
    }

    private sealed record DockerfileInfo(string Text, int Stages, string FinalFrom, List<string> Final, List<int> Exposed);

    private static DockerfileInfo Dockerfile(string path)
    {
        var text = File.ReadAllText(Repository.PathOf(path.Split('/')));
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var lastFrom = lines.FindLastIndex(l => l.StartsWith("FROM "));
        var final = lines[(lastFrom + 1)..];
        var exposed = final.Where(l => l.StartsWith("EXPOSE ")).SelectMany(l => l.Split(' ').Skip(1)).Select(int.Parse).ToList();
        return new DockerfileInfo(text, lines.Count(l => l.StartsWith("FROM ")), lines[lastFrom], final, exposed);
    }

    /// <summary>True when the <c>RiskEngine:…</c> key lands on a property of <see cref="RiskEngineOptions"/>.</summary>
    private static bool BindsToOptions(string key)
    {
        var type = typeof(RiskEngineOptions);
        var segments = key.Split(':')[1..];
        for (var i = 0; i < segments.Length; i++)
        {
            var property = type.GetProperty(segments[i], System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null) return false;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() is var generic && (generic == typeof(Dictionary<,>) || generic == typeof(List<>)))
            {
                i++; // the dictionary key or list index
                type = type.GetGenericArguments()[^1];
            }
        }
        return type.IsPrimitive || type == typeof(string) || type.IsEnum || type == typeof(TimeSpan);
    }

    /// <summary>The configuration names outside <c>RiskEngine:…</c> that the engine's sources read.</summary>
    private static List<string> NamesTheCodeReads()
    {
        var sources = Directory.EnumerateFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText).ToList();
        return sources.SelectMany(s => OrleansName().Matches(s).Select(m => m.Groups[1].Value))
            .Concat(sources.SelectMany(s => ConnectionString().Matches(s).Select(m => "ConnectionStrings:" + m.Groups[1].Value)))
            .Distinct().ToList();
    }

    [GeneratedRegex("\"(Orleans(?::[A-Za-z]+)+)\"")]
    private static partial Regex OrleansName();

    [GeneratedRegex("""GetConnectionString\("(\w+)"\)""")]
    private static partial Regex ConnectionString();
}
