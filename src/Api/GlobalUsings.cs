global using Microsoft.AspNetCore.Http.HttpResults;
global using Orleans;
global using RiskEngine.Configuration;
global using RiskEngine.Decisions;
global using RiskEngine.Policies;
global using RiskEngine.StepUps;
