using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using StorageKit.Emulator.DependencyInjection;
using StorageKit.Emulator.Nbd;
using StorageKit.Nbd;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.DependencyInjection.Tests;

/// <summary>Seeded NBD servers: reachable by the container's clients, read-only, JSON, disposal, bad input.</summary>
public sealed class NbdSeedTests
{
    // Virtual paths: only the container's network knows them, and no directory of that name exists to dial for real.
    private static string Socket() => $"/nonexistent-storagekit-seed/{Guid.NewGuid():N}.sock";

    private static ServiceProvider Build(Action<EmulatorSeedBuilder>? seed = null, IConfiguration? configuration = null) =>
        new ServiceCollection()
            .AddStorageKitEmulator(configuration, seed)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static INbdClient Connect(ServiceProvider provider, Action<INbdClient> connect, string exportName = "")
    {
        INbdClient client = provider.GetRequiredService<Func<INbdClient>>()();
        client.ExportName = exportName;
        client.FullInfo = true; // as in libnbd, the description is asked for only with full info
        connect(client);
        return client;
    }

    private static byte[] Read(INbdClient client, int length, long offset = 0)
    {
        var buffer = new byte[length];
        client.Read(buffer, offset);
        return buffer;
    }

    [Test]
    public void A_seeded_export_is_read_over_unix_tcp_and_uri()
    {
        string socket = Socket();
        using ServiceProvider provider = Build(s => s.AddNbdServer(new EmulatorNbdServerSeed
        {
            UnixSocketPath = socket,
            TcpHost = "nbd.seed.test",
            TcpPort = 10999,
            Exports =
            [
                new EmulatorNbdExportSeed { Name = "disk", Size = 1 << 20, Content = "MBR!"u8.ToArray(), Description = "boot disk" },
                new EmulatorNbdExportSeed { Size = 4096 },
            ],
        }));

        using INbdClient unix = Connect(provider, c => c.ConnectUnix(socket), "disk");
        using INbdClient tcp = Connect(provider, c => c.ConnectTcp("NBD.seed.test", 10999), "disk");
        using INbdClient unixUri = Connect(provider, c => c.ConnectUri($"nbd+unix:///disk?socket={socket}"));
        using INbdClient tcpUri = Connect(provider, c => c.ConnectUri("nbd://nbd.seed.test:10999/disk"));
        using INbdClient defaultExport = Connect(provider, c => c.ConnectUnix(socket));
        Assert.Multiple(() =>
        {
            foreach (INbdClient client in new[] { unix, tcp, unixUri, tcpUri })
            {
                Assert.That(client.GetSize(), Is.EqualTo(1 << 20));
                Assert.That(Read(client, 6), Is.EqualTo("MBR!\0\0"u8.ToArray()));
                Assert.That(client.GetExportDescription(), Is.EqualTo("boot disk"));
            }

            Assert.That(defaultExport.GetSize(), Is.EqualTo(4096));
        });

        // One shared disk: a write over one connection is read over another.
        unix.Write("data"u8, 512);
        Assert.That(Read(tcp, 4, 512), Is.EqualTo("data"u8.ToArray()));
    }

    [Test]
    public void An_export_backed_by_a_seeded_rbd_image_shares_its_bytes_with_the_image()
    {
        string socket = Socket();
        using ServiceProvider provider = Build(s => s
            .AddNbdServer(new EmulatorNbdServerSeed
            {
                UnixSocketPath = socket,
                Exports = [new EmulatorNbdExportSeed { Name = "vm", RbdPool = "rbd", RbdImage = "disk" }],
            })
            .AddRbdImage("rbd", "disk", 4 << 20, "boot"u8.ToArray()));

        using INbdClient client = Connect(provider, c => c.ConnectUnix(socket), "vm");
        client.Write("nbd"u8, 1 << 20);
        IRadosClient rados = provider.GetRequiredService<IRadosClient>();
        using IRadosIoContext io = rados.OpenIoContext("rbd");
        using IRbdImage image = provider.GetRequiredService<Func<IRadosIoContext, IRbdClient>>()(io).Open("disk");
        var fromImage = new byte[3];
        image.Read(fromImage, 1 << 20);
        Assert.Multiple(() =>
        {
            Assert.That(client.GetSize(), Is.EqualTo(4 << 20));
            Assert.That(Read(client, 4), Is.EqualTo("boot"u8.ToArray()));
            Assert.That(fromImage, Is.EqualTo("nbd"u8.ToArray()));
            Assert.That(client.GetExportFlags() & NbdExportFlags.ReadOnly, Is.EqualTo(NbdExportFlags.None));
        });
    }

    [Test]
    public async Task A_read_only_export_refuses_writes_as_a_hand_built_read_only_server_does()
    {
        // The reference: a read-only MemoryNbdExport served directly, as the NBD tests and conformance cases build it.
        var network = new EmulatedNbdNetwork();
        await using var reference = new NbdServer(new MemoryNbdExport(new MemoryNbdExportOptions { Size = 4096, ReadOnly = true }));
        using IDisposable registration = network.RegisterUnix("/reference.sock", reference);
        using var referenceClient = new EmulatedNbdClient(network);
        referenceClient.ConnectUnix("/reference.sock");
        StorageException expected = Assert.Throws(Is.InstanceOf<StorageException>(), () => referenceClient.Write("x"u8, 0)) as StorageException
            ?? throw new AssertionException("no StorageException");
        Assert.That(expected.Errno, Is.EqualTo(Errno.EPERM));

        string socket = Socket();
        using ServiceProvider provider = Build(s => s
            .AddRbdImage("rbd", "disk", 1 << 20, "image"u8.ToArray())
            .AddNbdExport(socket, "", 4096, "golden"u8.ToArray(), readOnly: true)
            .AddNbdServer(new EmulatorNbdServerSeed
            {
                TcpHost = "rbd.seed.test",
                Exports = [new EmulatorNbdExportSeed { RbdPool = "rbd", RbdImage = "disk", ReadOnly = true }],
            }));
        using INbdClient memory = Connect(provider, c => c.ConnectUnix(socket));
        using INbdClient rbd = Connect(provider, c => c.ConnectUri("nbd://rbd.seed.test/")); // the URI's default port is the seed's
        Assert.Multiple(() =>
        {
            foreach ((INbdClient client, string content) in new[] { (memory, "golden"), (rbd, "image") })
            {
                Assert.That(client.GetExportFlags() & NbdExportFlags.ReadOnly, Is.EqualTo(NbdExportFlags.ReadOnly));
                StorageException? actual = Assert.Throws(expected.GetType(), () => client.Write("x"u8, 0)) as StorageException;
                Assert.That(actual?.Errno, Is.EqualTo(expected.Errno));
                Assert.That(actual?.Operation, Is.EqualTo(expected.Operation));
                Assert.That(Encoding.UTF8.GetString(Read(client, content.Length)), Is.EqualTo(content));
            }
        });
    }

    [Test]
    public void Seed_file_declares_servers_of_memory_and_rbd_exports()
    {
        string file = Path.Combine(Path.GetTempPath(), $"storagekit-nbd-seed-{Guid.NewGuid():N}.json");
        string socket = Socket();
        File.WriteAllText(file, $$"""
            {
              "rbdImages": [ { "pool": "rbd", "name": "disk", "size": 1048576, "content": "rbd!" } ],
              "nbdServers": [
                { "unixSocketPath": "{{socket}}", "tcpHost": "json.seed.test", "tcpPort": 10810,
                  "exports": [
                    { "name": "scratch", "size": 65536, "content": { "base64": "AAEC" }, "description": "scratch space" },
                    { "name": "golden", "size": 512, "content": "golden", "readOnly": true },
                    { "name": "vm", "rbdPool": "rbd", "rbdImage": "disk" }
                  ] }
              ]
            }
            """);
        try
        {
            IConfiguration configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["StorageKit:Emulator:SeedFile"] = file })
                .Build();
            using ServiceProvider provider = Build(configuration: configuration);
            using INbdClient lister = provider.GetRequiredService<Func<INbdClient>>()();
            lister.OptionMode = true;
            lister.ConnectUnix(socket);
            IReadOnlyList<NbdExportListing> listed = lister.ListExports();
            using INbdClient scratch = Connect(provider, c => c.ConnectTcp("json.seed.test", 10810), "scratch");
            using INbdClient golden = Connect(provider, c => c.ConnectUri($"nbd+unix:///golden?socket={socket}"));
            using INbdClient vm = Connect(provider, c => c.ConnectUnix(socket), "vm");
            Assert.Multiple(() =>
            {
                Assert.That(listed, Is.EqualTo(new[] { new NbdExportListing("scratch", "scratch space"), new NbdExportListing("golden", ""), new NbdExportListing("vm", "") }));
                Assert.That(scratch.GetSize(), Is.EqualTo(65536));
                Assert.That(Read(scratch, 4), Is.EqualTo(new byte[] { 0, 1, 2, 0 }));
                Assert.That(golden.GetExportFlags() & NbdExportFlags.ReadOnly, Is.EqualTo(NbdExportFlags.ReadOnly));
                Assert.That(Read(golden, 6), Is.EqualTo("golden"u8.ToArray()));
                Assert.That(vm.GetSize(), Is.EqualTo(1048576));
                Assert.That(Read(vm, 4), Is.EqualTo("rbd!"u8.ToArray()));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Disposing_the_container_stops_the_servers()
    {
        string socket = Socket();
        Func<INbdClient> factory;
        INbdClient connected;
        using (ServiceProvider provider = Build(s => s.AddNbdExport(socket, "", 4096, "x"u8.ToArray())))
        {
            factory = provider.GetRequiredService<Func<INbdClient>>();
            connected = factory();
            connected.ConnectUnix(socket);
            Assert.That(Read(connected, 1), Is.EqualTo("x"u8.ToArray()));
        }

        using (connected)
        using (INbdClient late = factory())
        {
            Assert.Multiple(() =>
            {
                // Nothing is registered any more, so the client dials the (absent) real socket.
                Assert.That(() => late.ConnectUnix(socket), Throws.InstanceOf<StorageNotFoundException>());
                Assert.That(() => Read(connected, 1), Throws.InstanceOf<StorageException>());
            });
        }
    }

    [Test]
    public void Bad_declarations_fail_when_added()
    {
        var seed = new EmulatorSeedBuilder();
        string socket = Socket();
        seed.AddNbdExport(socket, "a", 4096);
        Assert.Multiple(() =>
        {
            Assert.That(() => seed.AddNbdExport(socket, "b", 4096), Throws.ArgumentException.With.Message.Contains(socket));
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { TcpHost = "h", Exports = [new EmulatorNbdExportSeed { Size = 1 }] }), Throws.Nothing);
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { TcpHost = "H", Exports = [new EmulatorNbdExportSeed { Size = 1 }] }),
                Throws.ArgumentException.With.Message.Contains("already seeded"));
            Assert.That(() => seed.AddNbdExport(Socket(), "a", -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => seed.AddNbdExport(Socket(), "a", 3, "four"u8.ToArray()),
                Throws.ArgumentException.With.Message.Contains("(4 bytes) is longer than its size (3 bytes)"));
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { UnixSocketPath = Socket(), Exports = [new EmulatorNbdExportSeed { Name = "d" }, new EmulatorNbdExportSeed { Name = "d" }] }),
                Throws.ArgumentException.With.Message.Contains("'d' appears twice"));
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { Exports = [new EmulatorNbdExportSeed()] }),
                Throws.ArgumentException.With.Message.Contains("UnixSocketPath or a TcpHost"));
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { UnixSocketPath = Socket() }),
                Throws.ArgumentException.With.Message.Contains("at least one export"));
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { TcpHost = "p", TcpPort = 0, Exports = [new EmulatorNbdExportSeed()] }),
                Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { UnixSocketPath = Socket(), Exports = [new EmulatorNbdExportSeed { RbdPool = "rbd" }] }),
                Throws.ArgumentException.With.Message.Contains("both RbdPool and RbdImage"));
            Assert.That(() => seed.AddNbdServer(new EmulatorNbdServerSeed { UnixSocketPath = Socket(), Exports = [new EmulatorNbdExportSeed { RbdPool = "rbd", RbdImage = "i", Size = 1 }] }),
                Throws.ArgumentException.With.Message.Contains("come from the image"));
        });
    }

    [Test]
    public void Bad_declarations_from_code_or_json_fail_the_first_resolve()
    {
        string socket = Socket();
        using ServiceProvider duplicate = Build(s => s
            .FromJson($$"""{ "nbdServers": [ { "unixSocketPath": "{{socket}}", "exports": [ { "size": 1 } ] } ] }""")
            .AddNbdExport(socket, "", 1));
        using ServiceProvider negative = Build(s => s.FromJson("""{ "nbdServers": [ { "tcpHost": "h", "exports": [ { "size": -1 } ] } ] }"""));
        using ServiceProvider tooLong = Build(s => s.FromJson("""{ "nbdServers": [ { "tcpHost": "h", "exports": [ { "size": 2, "content": "abc" } ] } ] }"""));
        using ServiceProvider noExports = Build(s => s.FromJson("""{ "nbdServers": [ { "tcpHost": "h" } ] }"""));
        using ServiceProvider badType = Build(s => s.FromJson("""{ "nbdServers": [ { "tcpHost": "h", "exports": [ { "readOnly": "yes" } ] } ] }"""));
        using ServiceProvider noPool = Build(s => s.AddNbdServer(new EmulatorNbdServerSeed { TcpHost = "h", Exports = [new EmulatorNbdExportSeed { RbdPool = "nopool", RbdImage = "disk" }] }));
        using ServiceProvider noImage = Build(s => s
            .AddPool("rbd")
            .AddNbdExport(Socket(), "memory", 1)
            .AddNbdServer(new EmulatorNbdServerSeed { TcpHost = "h", Exports = [new EmulatorNbdExportSeed { RbdPool = "rbd", RbdImage = "noimage" }] }));
        Assert.Multiple(() =>
        {
            Assert.That(() => duplicate.GetRequiredService<Func<INbdClient>>(), Throws.ArgumentException.With.Message.Contains("already seeded"));
            Assert.That(() => negative.GetRequiredService<Func<INbdClient>>(),
                Throws.InstanceOf<InvalidDataException>().With.Message.Contains("nbdServers[0]").And.Message.Contains("negative size"));
            Assert.That(() => tooLong.GetRequiredService<Func<INbdClient>>(), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("longer than its size"));
            Assert.That(() => noExports.GetRequiredService<Func<INbdClient>>(), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("nbdServers[0].exports"));
            Assert.That(() => badType.GetRequiredService<Func<INbdClient>>(), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("nbdServers[0].exports[0].readOnly"));
            Assert.That(() => noPool.GetRequiredService<Func<INbdClient>>(), Throws.InstanceOf<StorageNotFoundException>().With.Property(nameof(StorageException.Target)).EqualTo("nopool"));
            Assert.That(() => noImage.GetRequiredService<IRadosClient>(), Throws.InstanceOf<StorageNotFoundException>().With.Property(nameof(StorageException.Target)).EqualTo("noimage"));
        });
    }
}
