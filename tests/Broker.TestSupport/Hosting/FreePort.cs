using System.Net;
using System.Net.Sockets;

namespace Broker.TestSupport.Hosting;

/// <summary>Loopback TCP ports nobody listens on, for silos and HTTP servers started by tests.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A port the OS just gave out and this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Handed)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
