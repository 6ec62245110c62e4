namespace Broker.Provisioners.Tests.SharedPostgres;

/// <summary>All shared-postgres test classes share one password-checking cluster (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class PasswordPostgresCollection : ICollectionFixture<PasswordPostgres>
{
    public const string Name = "password-postgres";
}
