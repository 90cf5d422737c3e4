using System.Collections.Concurrent;
using System.Net.Sockets;

namespace RiskEngine.Tests.Infrastructure;

public static class FreePort
{
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>
    /// A loopback TCP port nothing listens on now and never handed out before in this test run: the kernel
    /// may return a just-released port twice, and two engines on one port (sockets bound with address reuse)
    /// would quietly exchange messages.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, true)) return port;
        }
    }
}
