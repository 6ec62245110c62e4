namespace Broker.Contracts.Resources;

/// <summary>
/// How to connect to a database resource. The password is generated for this answer and kept nowhere: it is shown
/// once, and asking again sets a new one. <see cref="ToString"/> hides it so it cannot reach a log.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.DatabaseAccess")]
public sealed record DatabaseAccess(
    [property: Id(0)] string Host,
    [property: Id(1)] int Port,
    [property: Id(2)] string Database,
    [property: Id(3)] string Username,
    [property: Id(4)] string Password)
{
    public override string ToString() => $"DatabaseAccess {{ Host = {Host}, Port = {Port}, Database = {Database}, Username = {Username}, Password = *** }}";
}
