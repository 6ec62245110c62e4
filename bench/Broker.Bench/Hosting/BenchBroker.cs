using Broker.Api.Diagnostics;
using Broker.Silo.Hosting;
using Broker.TestSupport.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Broker.Bench.Hosting;

/// <summary>What every benchmark that drives the real broker needs: its own database, and a silo wired as production.</summary>
public static class BenchBroker
{
    /// <summary>
    /// Starts an in-process broker silo on <paramref name="connectionString"/> with private ports, wired as production
    /// (<c>AddBrokerCore</c>, <c>AddBrokerSilo</c>); <paramref name="configure"/> adds settings of its own.
    /// </summary>
    public static async Task<IHost> StartAsync(string connectionString, Action<IDictionary<string, string?>>? configure = null)
    {
        var settings = BrokerSettings.For(
            connectionString, Path.Combine(Path.GetTempPath(), "broker-bench-unused.key"), FreePort.Next(), FreePort.Next(), $"bench-{Guid.NewGuid():n}");
        // The throwaway server allows 300 connections: give the broker's pools the 100 the benchmarks were measured with
        // (the production default budget is 40 + 12, for a server of 100).
        settings["Broker:Storage:Connections:ServerMaxConnections"] = "300";
        settings["Broker:Storage:Connections:Broker"] = "100";
        settings["Broker:Storage:Connections:Orleans"] = "30";
        configure?.Invoke(settings);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        // Warnings only, and on stderr: stdout carries the results and the JSON line.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBrokerCore(builder.Configuration);
        // As production: off unless an OTLP endpoint is configured (Broker__Telemetry__OtlpEndpoint measures its cost).
        builder.AddBrokerTracing();
        builder.UseOrleans(silo => silo.AddBrokerSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Creates database <paramref name="name"/> on the server and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name)
    {
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        // Room for the benchmark's clients plus the silo's own connections (membership, reminders, journals, audits).
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }
}
