using System.Net;
using RiskEngine.Decisions;
using RiskEngine.Geo;
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>Inputs shared by the benchmarks: a user with a realistic history and typical requests.</summary>
public static class Fixtures
{
    public static readonly DateTime T0 = new(2026, 11, 28, 13, 0, 0, DateTimeKind.Utc);

    public static string GeoIpDirectory =>
        Environment.GetEnvironmentVariable("RISKENGINE_TEST_GEOIP") is { Length: > 0 } dir ? dir : "/work/shared/geoip";

    /// <summary>MaxMind's test databases, as the engine is configured with them.</summary>
    public static GeoIpOptions GeoIp => new()
    {
        CityDatabase = Path.Combine(GeoIpDirectory, "GeoIP2-City-Test.mmdb"),
        AsnDatabase = Path.Combine(GeoIpDirectory, "GeoLite2-ASN-Test.mmdb"),
        AnonymousIpDatabase = Path.Combine(GeoIpDirectory, "GeoIP2-Anonymous-IP-Test.mmdb"),
    };

    public static Observation Login(string device = "phone", string ip = "2.125.160.216", int minutes = 0) =>
        new(UserAction.Login, Observation.DeviceKey(device), NetworkPrefix.Of(IPAddress.Parse(ip)), "GB", 7018,
            new GeoPoint(51.75, -1.25), false, 0, null, T0.AddMinutes(minutes));

    /// <summary>A user seen from 5 devices and 10 networks, with 20 transfers and a few step-ups.</summary>
    public static UserProfile TypicalUser() => User(devices: 5, networks: 10, transfers: 20);

    /// <summary>A user whose every history is at its bound: the load's hottest users, with step-ups they never finish.</summary>
    public static UserProfile FullUser() => User(HistoryLimits.Devices, HistoryLimits.Networks, HistoryLimits.RecentTransfers + 10, HistoryLimits.Sessions);

    /// <summary>An idempotency log at its bound: 64 answers to transfers, keyed as the load generator keys them.</summary>
    public static IdempotencyLog FullLog()
    {
        var log = new IdempotencyLog();
        for (var i = 0; i < IdempotencyLog.Limit; i++)
            log.Add(Guid.NewGuid().ToString("N"), (ulong)i, new DecisionResult(Guid.NewGuid().ToString("N"), Outcome.Allow, null, 0, ReasonSet.Empty, 1, null), T0.AddMinutes(i));
        return log;
    }

    private static UserProfile User(int devices, int networks, int transfers, int stepUps = 3)
    {
        var profile = new UserProfile();
        var allowed = new Evaluation(Outcome.Allow, null, 0, ReasonSet.Empty);
        var minute = 0;
        for (var i = 0; i < Math.Max(devices, networks); i++)
        {
            var o = Login($"device-{i % devices}", $"10.{i / 250}.{i % 250}.7", minute++) with { Country = i % 3 == 0 ? "SE" : "GB", Asn = (uint)(100 + i % 7) };
            profile.Record(in o, in allowed, null);
        }
        for (var i = 0; i < transfers; i++)
        {
            var o = Login(minutes: minute++) with { Action = UserAction.Transfer, Amount = 50 + i, Currency = "EUR" };
            profile.Record(in o, in allowed, null);
        }
        var stepUp = new Evaluation(Outcome.StepUp, StepUpMethod.Passive, 60, ReasonSet.Empty);
        for (var i = 0; i < stepUps; i++)
        {
            var o = Login($"new-{i}", minutes: minute++);
            profile.Record(in o, in stepUp, Guid.NewGuid().ToString()); // Didit's session ids are GUIDs
        }
        return profile;
    }
}
