namespace Broker.KubeStandIn.Patching;

/// <summary>One <c>metadata.managedFields</c> entry: the fields a manager set through one kind of operation.</summary>
internal sealed record ManagerEntry(string Manager, string Operation, string ApiVersion, string Time, string? Subresource, FieldSet Fields)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public bool SameSlot(ManagerEntry other) =>
        Manager == other.Manager && Operation == other.Operation && Subresource == other.Subresource;
}
