using System.Net;
using NUnit.Framework;
using StorageKit.Emulator.Nbd;
using StorageKit.Nbd;

namespace StorageKit.Emulator.Tests.Nbd;

/// <summary>
/// The emulated NBD client's transports and what the conformance suite does not reach: virtual TCP endpoints,
/// real TCP, URIs over TCP, many commands in flight, argument checks and the network registry.
/// (Its libnbd behaviour is proven against libnbd by the nbd.* conformance cases.)
/// </summary>
public sealed class EmulatedNbdClientTests
{
    private static MemoryNbdExport Export(string name = "", long size = 1 << 20) => new(new MemoryNbdExportOptions { Name = name, Size = size });

    [Test]
    public async Task VirtualTcpEndpointNeedsNoSocket()
    {
        var network = new EmulatedNbdNetwork();
        await using var server = new NbdServer(Export("disk"));
        using (network.RegisterTcp("nbd.example", 10809, server))
        {
            using var client = new EmulatedNbdClient(network);
            client.ConnectUri("nbd://nbd.example/disk");
            Assert.That(client.GetSize(), Is.EqualTo(1 << 20));
            client.Write("abc"u8, 10);
            byte[] back = new byte[3];
            client.Read(back, 10);
            Assert.That(back, Is.EqualTo("abc"u8.ToArray()));
            Assert.That(server.ConnectionCount, Is.EqualTo(1));
        }

        using var late = new EmulatedNbdClient(network);
        StorageException error = Assert.Throws<StorageException>(() => late.ConnectTcp("127.0.0.1", 1))!;
        Assert.That(error.Errno, Is.EqualTo(Errno.ECONNREFUSED), "an unregistered endpoint is dialled for real");
    }

    [Test]
    public async Task RealTcpAndUri()
    {
        await using var server = new NbdServer(Export("disk", 4 << 20));
        IPEndPoint endPoint = server.ListenTcp(new IPEndPoint(IPAddress.Loopback, 0));
        using var tcp = new EmulatedNbdClient { ExportName = "disk" };
        tcp.ConnectTcp("127.0.0.1", endPoint.Port);
        Assert.That(tcp.GetSize(), Is.EqualTo(4 << 20));
        using var uri = new EmulatedNbdClient();
        uri.ConnectUri($"nbd://127.0.0.1:{endPoint.Port}/disk");
        Assert.That(uri.GetSize(), Is.EqualTo(4 << 20));
        Assert.That(uri.Protocol, Is.EqualTo("newstyle-fixed"));
    }

    [Test]
    public async Task RegisteringAnEndpointTwiceIsRefused()
    {
        var network = new EmulatedNbdNetwork();
        await using var server = new NbdServer(Export());
        using IDisposable first = network.RegisterUnix("/virtual/a.sock", server);
        Assert.Throws<ArgumentException>(() => network.RegisterUnix("/virtual/a.sock", server));
        first.Dispose();
        using IDisposable again = network.RegisterUnix("/virtual/a.sock", server);
    }

    [Test]
    public async Task ManyCommandsInFlightAreMatchedByCookie()
    {
        var network = new EmulatedNbdNetwork();
        await using var server = new NbdServer(Export(size: 8 << 20));
        using IDisposable registration = network.RegisterUnix("/virtual/many.sock", server);
        using var client = new EmulatedNbdClient(network);
        client.ConnectUnix("/virtual/many.sock");
        var writes = new List<Task>();
        for (int i = 0; i < 128; i++)
        {
            byte[] block = new byte[65536];
            block.AsSpan().Fill((byte)i);
            writes.Add(client.WriteAsync(block, i * 65536L));
        }

        await Task.WhenAll(writes);
        var reads = Enumerable.Range(0, 128).Select(i => (Index: i, Buffer: new byte[65536])).ToList();
        await Task.WhenAll(reads.Select(r => client.ReadAsync(r.Buffer, r.Index * 65536L)));
        Assert.That(reads.All(r => r.Buffer.All(b => b == (byte)r.Index)), Is.True);
        Assert.That(client.InFlight, Is.Zero);
    }

    [Test]
    public void ArgumentsAreCheckedBeforeAnythingIsSent()
    {
        using var client = new EmulatedNbdClient();
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Trim(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Read(new byte[1], -1));
        Assert.Throws<ArgumentNullException>(() => client.ConnectUnix(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.ReadAsync(new byte[1], -1));
        StorageException refused = Assert.Throws<StorageNotConnectedException>(() => client.FlushAsync())!;
        Assert.That(refused.Errno, Is.EqualTo(Errno.ENOTCONN), "a refused submission throws on the caller's thread");
    }
}
