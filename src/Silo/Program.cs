using Orleans.Dashboard;
using RiskEngine.Hosting;
using RiskEngine.Telemetry;

// A standalone silo: grains only, no HTTP. API fronts in client mode reach it through its gateway.
var builder = Host.CreateApplicationBuilder(args);
builder.AddRiskEngineSilo(gatewayByDefault: true, silo => silo.AddDashboard());
builder.AddRiskEngineTelemetry("riskengine-silo", countersAtZero: RiskEngineTelemetry.StartGrainCountersAtZero);

var host = builder.Build();
GarbageCollectorSettings.Log(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RiskEngine.Silo"));
host.Run();
