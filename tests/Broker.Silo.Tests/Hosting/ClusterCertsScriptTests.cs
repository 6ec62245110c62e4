using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Broker.Silo.Hosting;
using Broker.TestSupport;

namespace Broker.Silo.Tests.Hosting;

/// <summary><c>scripts/cluster-certs.sh</c> makes directories the broker loads and trusts as they are.</summary>
public sealed class ClusterCertsScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("broker-cluster-certs-").FullName;

    [Fact]
    public async Task One_certificate_for_every_process_loads_as_the_tls_directory_and_chains_to_the_ca_made_with_it()
    {
        await RunAsync(_dir);

        var tls = ClusterTls.Load(_dir);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.True(ClusterTls.Trusts(tls.Certificate, null, tls.Authorities));
        // Orleans refuses a certificate for either end of a connection without the matching extended key usage.
        var usages = tls.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages.Order());
        // The CA's key stays out of the directory that becomes the Secret.
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Certificates_per_process_from_later_runs_come_from_the_same_ca()
    {
        await RunAsync(_dir, "silo-0");
        await RunAsync(_dir, "api-0");

        var silo = ClusterTls.Load(Path.Combine(_dir, "silo-0"));
        var api = ClusterTls.Load(Path.Combine(_dir, "api-0"));
        Assert.True(ClusterTls.Trusts(api.Certificate, null, silo.Authorities));
        Assert.True(ClusterTls.Trusts(silo.Certificate, null, api.Authorities));
        Assert.Contains("CN=silo-0", silo.Certificate.Subject, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryFiles.Root(), "scripts", "cluster-certs.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
    }
}
