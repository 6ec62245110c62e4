using Microsoft.Extensions.Logging;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>What the shared PostgreSQL provisioner tells operators. Names and ids only: never a password or verifier.</summary>
internal static partial class SharedPostgresLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created role {Role} for resource {ResourceId} of department {Department}")]
    public static partial void RoleCreated(ILogger logger, string role, string resourceId, string department);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database} for resource {ResourceId}")]
    public static partial void DatabaseCreated(ILogger logger, string database, string resourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secured database {Database} of resource {ResourceId}: only its owner may connect")]
    public static partial void DatabaseSecured(ILogger logger, string database, string resourceId);

    /// <summary>A change the desired state asked for (a new connection limit) or drift repaired.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourceId}: converged {Deviation}")]
    public static partial void Converged(ILogger logger, string resourceId, Deviation deviation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued a new password for role {Role} of resource {ResourceId}")]
    public static partial void CredentialsIssued(ILogger logger, string role, string resourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted database {Database} and role {Role} of resource {ResourceId}")]
    public static partial void Deleted(ILogger logger, string database, string role, string resourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resource {ResourceId}: role {Role} exists but was not created for it; left alone")]
    public static partial void ForeignRoleLeftAlone(ILogger logger, string resourceId, string role);
}
