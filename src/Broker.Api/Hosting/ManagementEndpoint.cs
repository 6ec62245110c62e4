using System.Net;
using Broker.Api.Identity;
using Broker.Silo.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Broker.Api.Hosting;

/// <summary>
/// What a <c>silo</c> process serves over HTTP: <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> on
/// <see cref="ManagementOptions.Port"/>, for probes and the scraper, and nothing else; the public API is the api
/// processes'. The port follows the silo's own address: loopback when the silo advertises loopback, else every address.
/// </summary>
public static class ManagementEndpoint
{
    public static WebApplicationBuilder AddManagementEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ManagementOptions>, ManagementOptionsValidator>();
        // Listening set here replaces Urls/ASPNETCORE_URLS, which the image sets for every role: a silo must not open 8080.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ManagementOptions>, IOptions<BrokerOrleansOptions>>((kestrel, management, orleans) =>
        {
            var address = AdvertisedAddress.ForThisHost(orleans.Value.AdvertisedAddress);
            kestrel.Listen(IPAddress.IsLoopback(address) ? address : IPAddress.Any, management.Value.Port);
        });
        return builder;
    }

    public static WebApplication UseManagementEndpoint(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthApi();
        app.MapBrokerMetrics();
        return app;
    }

    /// <summary><c>/metrics</c>, anonymous only where <see cref="AuthOptions.AnonymousMetrics"/> says so, for every role.</summary>
    public static IEndpointRouteBuilder MapBrokerMetrics(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapMetrics();
        if (app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.AnonymousMetrics)
        {
            metrics.AllowAnonymous();
        }
        else
        {
            metrics.RequireAuthorization(Policies.MetricsReader);
        }

        return app;
    }
}
