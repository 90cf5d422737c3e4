using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RiskEngine.Configuration;

public static class ConfigurationServiceCollectionExtensions
{
    /// <summary>Binds, completes and validates (at start) the <c>RiskEngine</c> section.</summary>
    public static IServiceCollection AddRiskEngineOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RiskEngineOptions>().Bind(configuration.GetSection(RiskEngineOptions.Section)).ValidateOnStart();
        services.AddSingleton(sp => new RiskEngineOptionsSetup(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IPostConfigureOptions<RiskEngineOptions>>(sp => sp.GetRequiredService<RiskEngineOptionsSetup>());
        services.AddSingleton<IValidateOptions<RiskEngineOptions>, RiskEngineOptionsValidator>();
        services.AddKeyedSingleton(Clock.Key, TimeProvider.System);
        return services;
    }
}
