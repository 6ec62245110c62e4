namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// What a department needs to log in to its database. The password exists only in this object: the server holds a
/// SCRAM verifier, the broker stores nothing. Shown to the requester once; never log or persist it.
/// </summary>
public sealed record DatabaseCredentials(string Host, int Port, string Database, string Username, string Password)
{
    /// <summary>Everything but the password, so that a stray <c>{credentials}</c> in a log line or message leaks nothing.</summary>
    public override string ToString() =>
        $"DatabaseCredentials {{ Host = {Host}, Port = {Port}, Database = {Database}, Username = {Username}, Password = *** }}";
}
