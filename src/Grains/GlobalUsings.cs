global using System.Text.Json.Serialization;
global using Orleans;
global using Orleans.Concurrency;
global using Orleans.Runtime;
global using RiskEngine.Decisions;
global using RiskEngine.Policies;
global using RiskEngine.StepUps;
