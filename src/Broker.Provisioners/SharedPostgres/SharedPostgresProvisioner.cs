using Broker.Provisioners.Contract;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// The <c>shared-postgres</c> provisioner: a database per resource on the PostgreSQL server the platform runs, owned
/// by a login role of its own that only it may connect with. Real, not simulated; databases only. Every call is
/// idempotent by resource id and safe to repeat after a crash at any point; calls for one id take turns through an
/// advisory lock on the server, so several broker processes may share it. See docs/provisioning-shared-postgres.md.
/// </summary>
public sealed class SharedPostgresProvisioner : IProvisioner, IDisposable, IAsyncDisposable
{
    public const string ProvisionerName = "shared-postgres";

    private readonly SharedPostgresOptions options;
    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger logger;

    /// <exception cref="OptionsValidationException">The options are invalid (checked here too, for provisioners built without the DI extension).</exception>
    public SharedPostgresProvisioner(IOptions<SharedPostgresOptions> options, ILogger<SharedPostgresProvisioner> logger)
    {
        this.options = options.Value;
        SharedPostgresOptionsValidator.ThrowIfInvalid(this.options);
        this.logger = logger;
        dataSource = NpgsqlDataSource.Create(this.options.AdminConnectionString);
    }

    public string Name => ProvisionerName;

    public bool IsSimulated => false;

    /// <inheritdoc />
    /// <exception cref="ProvisionerException">Permanent: not a database, an unsafe name, a role or database of the derived
    /// name that belongs to something else, or a changed database name. Transient: the server is unreachable or busy.</exception>
    public Task<ObservedResource> ApplyAsync(DesiredResource desired, CancellationToken cancellationToken = default)
    {
        var (names, label) = SharedPostgresRules.Check(desired, options.NamePrefix);
        return RunExclusiveAsync("apply", desired.ResourceId, async connection =>
        {
            await new ResourceConvergence(connection, options, logger).ApplyAsync(names, label, cancellationToken);
            return await ResourceObservation.ReadAsync(connection, options, desired.ResourceId, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks><c>Ready</c> when the role and database exist and match the role's label (the last applied desired state),
    /// <c>Pending</c> with the differences otherwise. Outputs: <c>host</c>, <c>port</c>, <c>database</c>, <c>username</c>.</remarks>
    public async Task<ObservedResource> ObserveAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        SharedPostgresRules.CheckResourceId(resourceId);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await ResourceObservation.ReadAsync(connection, options, resourceId, cancellationToken);
        }
        catch (Exception exception) when (PostgresFailures.IsServerFailure(exception))
        {
            throw PostgresFailures.From(exception, "observe", resourceId);
        }
    }

    /// <inheritdoc />
    /// <remarks>Ends every session of the role and in its database, then drops both; returns <c>Absent</c>.</remarks>
    public Task<ObservedResource> DeleteAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        SharedPostgresRules.CheckResourceId(resourceId);
        return RunExclusiveAsync("delete", resourceId, async connection =>
        {
            await new ResourceRemoval(connection, logger).DeleteAsync(options.NamePrefix, resourceId, cancellationToken);
            return await ResourceObservation.ReadAsync(connection, options, resourceId, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Sets a new random password on the resource's role and returns it with where to connect: once when the database
    /// becomes ready, and again for a reset (after which the old password no longer logs in). The broker must show it
    /// to the requester and forget it; nothing stores it.
    /// </summary>
    /// <exception cref="ProvisionerException">Permanent: no database for this id. Transient: not created yet, or the server failed.</exception>
    public Task<DatabaseCredentials> IssueCredentialsAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        SharedPostgresRules.CheckResourceId(resourceId);
        return RunExclusiveAsync(
            "issuing credentials",
            resourceId,
            connection => new CredentialIssuer(connection, options, logger).IssueAsync(resourceId, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Whether the resource's database serves right now: a real connection to it and <c>select 1</c> within
    /// <paramref name="timeout"/> (the SLA's availability probe). Never throws for a server failure: that is the answer.
    /// </summary>
    public Task<DatabaseProbeResult> ProbeAsync(string resourceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SharedPostgresRules.CheckResourceId(resourceId);
        return DatabaseProbe.RunAsync(dataSource, options, resourceId, timeout, cancellationToken);
    }

    public void Dispose() => dataSource.Dispose();

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task<T> RunExclusiveAsync<T>(
        string operation, string resourceId, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var turn = await ResourceLock.AcquireAsync(connection, resourceId, cancellationToken);
            return await work(connection);
        }
        catch (Exception exception) when (PostgresFailures.IsServerFailure(exception))
        {
            throw PostgresFailures.From(exception, operation, resourceId);
        }
    }
}
