using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Broker.Silo.Hosting;

/// <summary>
/// Lets a PostgreSQL failure cross the wire between processes. A grain whose write fails (PostgreSQL paused, failing
/// over) throws <c>NpgsqlException</c>; Orleans encodes only exception types of the namespaces it is told to, and without
/// this the silo could not encode the answer at all, so the API heard nothing until its response timeout (30 s) instead
/// of a prompt failure it answers with 503 and Retry-After (docs/reliability.md, database outage drill).
/// </summary>
public static class StorageExceptionSerialization
{
    public static IServiceCollection AllowStorageExceptions(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
}
