namespace Broker.Provisioners.Contract;

/// <summary>
/// A provisioner call failed. <see cref="Permanent"/> failures (invalid spec, forbidden, no capacity anywhere) fail the
/// resource with <see cref="Exception.Message"/>; transient ones are retried with backoff by the caller.
/// </summary>
public sealed class ProvisionerException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
