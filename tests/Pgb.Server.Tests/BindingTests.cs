using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pgb.Server.Tests;

/// <summary>The server listens on 127.0.0.1 only: not on ::1, not on the machine's other addresses, whatever the
/// environment says (ASPNETCORE_URLS and friends are set in many containers).</summary>
[TestClass]
public sealed class BindingTests
{
    [TestMethod]
    public async Task Server_IsNotReachableOnAnyAddressButIPv4Loopback()
    {
        await using var harness = await ServerHarness.StartAsync();
        var port = harness.Server.BaseUri.Port;

        Assert.IsTrue(await CanConnectAsync(IPAddress.Loopback, port));
        foreach (var address in OtherAddresses())
        {
            Assert.IsFalse(await CanConnectAsync(address, port), $"reachable on {address}");
        }
    }

    [TestMethod]
    [DoNotParallelize] // changes process-wide environment variables
    public async Task Server_IgnoresUrlsFromTheEnvironment()
    {
        var port = FreePort();
        string[] names = ["ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", $"http://0.0.0.0:{port}");
            Environment.SetEnvironmentVariable("DOTNET_URLS", $"http://[::]:{port}");
            Environment.SetEnvironmentVariable("ASPNETCORE_HTTP_PORTS", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Environment.SetEnvironmentVariable("DOTNET_HTTP_PORTS", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await using var harness = await ServerHarness.StartAsync();

            Assert.AreNotEqual(port, harness.Server.BaseUri.Port);
            Assert.IsFalse(await CanConnectAsync(IPAddress.Loopback, port), "listening on the port from the environment");
            foreach (var address in OtherAddresses())
            {
                Assert.IsFalse(await CanConnectAsync(address, port), $"reachable on {address}:{port}");
                Assert.IsFalse(await CanConnectAsync(address, harness.Server.BaseUri.Port), $"reachable on {address}");
            }
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    /// <summary>::1 plus every unicast address of this machine's interfaces except 127.0.0.1.</summary>
    private static IEnumerable<IPAddress> OtherAddresses()
    {
        var addresses = new List<IPAddress> { IPAddress.IPv6Loopback };
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up))
        {
            addresses.AddRange(nic.GetIPProperties().UnicastAddresses.Select(u => u.Address)
                .Where(a => !a.Equals(IPAddress.Loopback) && !a.IsIPv6LinkLocal));
        }

        return addresses.Distinct();
    }

    private static async Task<bool> CanConnectAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
