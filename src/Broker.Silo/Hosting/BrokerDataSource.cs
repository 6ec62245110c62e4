using Npgsql;

namespace Broker.Silo.Hosting;

/// <summary>The broker's own pool on its database (Orleans' ADO.NET providers keep pools of their own).</summary>
public static class BrokerDataSource
{
    public static NpgsqlDataSource Build(StorageOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0 && options.MaxAutoPrepare > 0)
        {
            settings.MaxAutoPrepare = options.MaxAutoPrepare;
            // Prepared from the second use on a connection: the statements that matter run on every order.
            settings.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }
}
