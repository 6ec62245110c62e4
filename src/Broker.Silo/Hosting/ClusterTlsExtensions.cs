using Orleans.Hosting;

namespace Broker.Silo.Hosting;

/// <summary>Turns <see cref="ClusterTls"/> on for a silo or a client when <see cref="ClusterTlsOptions.Directory"/> is set.</summary>
public static class ClusterTlsExtensions
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        if (options.Enabled)
        {
            var tls = ClusterTls.Load(options.Directory!);
            silo.UseTls(tls.Certificate, tls.Configure);
        }

        return silo;
    }

    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        if (options.Enabled)
        {
            var tls = ClusterTls.Load(options.Directory!);
            client.UseTls(tls.Certificate, tls.Configure);
        }

        return client;
    }
}
