using Broker.Provisioners.Contract;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>Turns server and network failures into the contract's <see cref="ProvisionerException"/>.</summary>
internal static class PostgresFailures
{
    /// <summary>
    /// Always transient. What a request itself makes impossible (unsafe names, a VM, a name taken by something else, a
    /// renamed database) is found by the provisioner before or between statements and thrown as permanent. What the
    /// server refuses beyond that is the platform's to fix (the admin's password or privileges, a full disk, too many
    /// connections, a DBA's session in the way): the broker keeps retrying with backoff, its retry warnings are the
    /// operator's signal, and the resource recovers by itself once the server is fixed instead of failing for good.
    /// The message names the operation, resource and SQLSTATE; our statements carry no secret (passwords go as SCRAM
    /// verifiers), so the server's text is kept.
    /// </summary>
    public static ProvisionerException From(Exception exception, string operation, string resourceId) => exception switch
    {
        PostgresException server => new ProvisionerException(
            $"Shared PostgreSQL: {operation} of '{resourceId}' failed: {server.SqlState} {server.MessageText}", permanent: false, exception),
        _ => new ProvisionerException(
            $"Shared PostgreSQL: {operation} of '{resourceId}' failed: the server could not be reached or did not answer in time ({exception.GetType().Name}).",
            permanent: false,
            exception),
    };

    public static bool IsServerFailure(Exception exception) => exception is NpgsqlException or TimeoutException;
}
