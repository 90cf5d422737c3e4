using Orleans.Dashboard;
using RiskEngine.Hosting;

// A standalone silo: grains only, no HTTP. API fronts in client mode reach it through its gateway.
var builder = Host.CreateApplicationBuilder(args);
builder.AddRiskEngineSilo(gatewayByDefault: true, silo => silo.AddDashboard());
builder.AddRiskEngineTelemetry("riskengine-silo");

builder.Build().Run();
