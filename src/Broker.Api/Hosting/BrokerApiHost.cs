using System.Text.Json.Serialization;
using Broker.Api.Audit;
using Broker.Api.Capacity;
using Broker.Api.Catalog;
using Broker.Api.Demo;
using Broker.Api.Diagnostics;
using Broker.Api.Finance;
using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Api.Identity;
using Broker.Api.Localization;
using Broker.Api.Metering;
using Broker.Api.Orders;
using Broker.Api.Resources;
using Broker.Api.Sla;
using Broker.Api.Systems;
using Broker.Api.Tenancy;
using Broker.Api.WebConsole;
using Broker.Silo.Chargeback;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Prometheus;
using Scalar.AspNetCore;

namespace Broker.Api.Hosting;

/// <summary>Composes the broker: services in <see cref="AddBroker"/>, the HTTP pipeline in <see cref="UseBroker"/>.</summary>
public static class BrokerApiHost
{
    /// <summary>
    /// The broker's process: Program.cs runs it as shipped; the crash test host (tests/Broker.CrashHost) runs the same
    /// composition with <paramref name="extend"/> registering its hooks, so what the crash tests kill is the real broker.
    /// </summary>
    public static async Task RunAsync(string[] args, Action<IServiceCollection>? extend = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBroker();
        extend?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseBroker();
        await app.RunAsync();
    }

    public static WebApplicationBuilder AddBroker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var role = BrokerRoles.From(configuration);

        // Storage and migrations first, in every role (the migrator holds an advisory lock, so processes starting
        // together take turns): hosted services start in order, and both a silo and a client read the membership table.
        services.AddBrokerCore(configuration);
        // Traces over OTLP when an endpoint is configured, in every role; nothing at all otherwise (docs/observability.md).
        builder.AddBrokerTracing();
        if (role.HostsGrains())
        {
            builder.UseOrleans(silo => silo.AddBrokerSilo(configuration));
            services.AddHostedService<ResumeWorkService>();
            services.AddHostedService<Broker.Silo.Namespaces.NamespaceCatchUpService>();
            // Orders: one sweep reminder for the cluster instead of one per order (docs/self-service.md).
            services.AddHostedService<Broker.Silo.Orders.OrderSweepStarter>();
            services.AddLedgerRelay();
            // The demo is created through grains, so where they live; by code and idempotent, so silos seeding together agree.
            services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
            services.AddHostedService<DemoSeeder>();
        }
        else
        {
            builder.UseOrleansClient(client => client.AddBrokerClient(configuration));
        }

        // Finance views sit on top of the statement engine that AddBrokerCore registers (see StatementSource); its
        // gauges are published by every process, like the capacity gauges that AddBrokerCore refreshes.
        services.AddBrokerChargeback(configuration);

        // Every role authenticates: /metrics needs a metrics-reader token unless made anonymous.
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>(ConfigureBearer);
        services.AddAuthorizationBuilder().AddBrokerPolicies();
        if (!role.ServesApi())
        {
            return builder.AddManagementEndpoint();
        }

        services.AddHttpContextAccessor();
        services.AddScoped<BrokerCallContext>();
        services.AddScoped<DepartmentServices>();
        services.AddSingleton<DepartmentAccessFilter>();
        services.AddSingleton<OverbookingHeader>();
        services.AddBrokerRequestLimits();
        services.AddExceptionHandler<BrokerExceptionHandler>();
        services.AddBrokerRateLimiting();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdempotencyOptions>, IdempotencyOptionsValidator>();
        services.AddSingleton<IdempotencyKeyPurge>();
        services.AddHostedService<IdempotencyKeyPurgeService>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            BrokerJson.Configure(o.SerializerOptions);
            // A misspelt field must not silently mean "absent" (a lease_end once cleared a lease): refuse it by name.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddLocalization();
        services.AddOpenApi(o => o.AddDocumentTransformer<OmittedNullsDocumentTransformer>());
        return builder;
    }

    public static WebApplication UseBroker(this WebApplication app)
    {
        if (!BrokerRoles.From(app.Configuration).ServesApi())
        {
            return app.UseManagementEndpoint();
        }

        // Culture first, so that the error answers written further out (exceptions, empty statuses) are localized too.
        app.UseRequestLocalization(o =>
        {
            o.SupportedCultures = Messages.Supported;
            o.SupportedUICultures = Messages.Supported;
            o.SetDefaultCulture("zh-CN");
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusProblems.WriteAsync);
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: only signed-in, permitted callers spend tokens. Before idempotency: a refused replay
        // costs no database read.
        app.UseRateLimiter();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthApi();
        app.MapBrokerMetrics();

        app.MapConsole();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();

        // /api/me answers any valid token; everything else under /api needs a known role (AnyRole, on top of each
        // audience's own policy), so a token without one opens nothing.
        var root = app.MapGroup("/api");
        root.AddEndpointFilter<TextInputFilter>();
        root.MapWhoAmIApi();
        var api = root.MapGroup("").RequireAuthorization(Policies.AnyRole);
        api.MapCatalogApi();

        var platform = api.MapGroup("/platform").RequireAuthorization(Policies.PlatformStaff);
        platform.MapPlatformDepartmentsApi();
        platform.MapAuditApi();
        platform.MapPlatformOrdersApi();
        platform.MapPlatformSystemsApi();
        platform.MapPlatformCapacityApi();
        platform.MapPlatformSlaApi();
        platform.MapPlatformSlaAssessmentApi();

        // Finance's own audience: rate cards, imports, statements and closing (metering); exports, budgets, savings.
        var finance = api.MapGroup("/finance").RequireAuthorization(Policies.Finance);
        finance.MapFinanceMeteringApi();
        finance.MapFinanceLedgerApi();
        finance.MapFinanceApi();
        finance.MapFinanceSlaApi();

        var department = api.MapGroup("/departments/{code}")
            .RequireAuthorization(Policies.DepartmentAccess)
            .AddEndpointFilter<DepartmentAccessFilter>();
        department.MapDepartmentApi();
        department.MapOrdersApi();
        department.MapResourcesApi();
        department.MapSystemsApi();
        department.MapDepartmentFinanceApi();
        department.MapDepartmentMeteringApi();
        department.MapDepartmentSlaApi();
        department.MapDepartmentSlaAssessmentApi();
        return app;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        var local = string.IsNullOrWhiteSpace(auth.Authority);
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            RoleClaimType = auth.RoleClaim,
            NameClaimType = "name",
            ClockSkew = TimeSpan.FromMinutes(1),
            // Pinned, so that neither an unsigned token nor one signed with another algorithm under a key the broker
            // trusts (an HMAC made with a public key, say) is ever accepted, and only access tokens pass as such.
            ValidAlgorithms = local ? AuthOptions.LocalAlgorithms : auth.Algorithms,
            ValidTypes = auth.TokenTypes,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        };
        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            bearer.Authority = auth.Authority;
            bearer.Audience = auth.Audience;
        }
        else if (auth.SigningKeyFile is not null)
        {
            bearer.TokenValidationParameters.IssuerSigningKey = SigningKey.LoadOrCreate(auth.SigningKeyFile);
        }
    }
}
