using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using StorageKit.Emulator.DependencyInjection;
using StorageKit.Emulator.Gluster;
using StorageKit.Emulator.Rados;
using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Rados;
using StorageKit.Rbd;

[assembly: Parallelizable(ParallelScope.Fixtures)]

namespace StorageKit.DependencyInjection.Tests;

/// <summary>AddStorageKitEmulator: what it registers, seeding from code and JSON, options, disposal.</summary>
public sealed class EmulatorRegistrationTests
{
    private static ServiceProvider Build(IConfiguration? configuration = null, Action<EmulatorSeedBuilder>? seed = null) =>
        new ServiceCollection()
            .AddStorageKitEmulator(configuration, seed)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [Test]
    public void Every_entry_point_resolves_and_singletons_are_shared()
    {
        using ServiceProvider provider = Build();
        IRadosClient client = provider.GetRequiredService<IRadosClient>();
        using IRadosClient second = provider.GetRequiredService<EmulatedRadosCluster>().Connect();
        Assert.Multiple(() =>
        {
            Assert.That(client.IsConnected, Is.True);
            Assert.That(provider.GetRequiredService<IRadosClient>(), Is.SameAs(client));
            Assert.That(provider.GetRequiredService<IGlusterClient>(), Is.SameAs(provider.GetRequiredService<EmulatedGlusterCluster>()));
            Assert.That(second.ListPools(), Is.Empty);
        });

        client.CreatePool("rbd");
        using IRadosIoContext io = client.OpenIoContext("rbd");
        IRbdClient rbd = provider.GetRequiredService<Func<IRadosIoContext, IRbdClient>>()(io);
        rbd.Create("disk", 1 << 20);
        using INbdClient nbd = provider.GetRequiredService<Func<INbdClient>>()();
        Assert.Multiple(() =>
        {
            Assert.That(rbd.List(), Is.EqualTo(new List<string> { "disk" }));
            Assert.That(nbd.IsConnected, Is.False);
        });
    }

    [Test]
    public void Seed_from_code_is_visible_to_every_consumer()
    {
        using ServiceProvider provider = Build(seed: s => s
            .AddObject("docs", "readme", "hello")
            .AddRbdImage("rbd", "disk", 1 << 20, "boot"u8.ToArray())
            .AddGlusterFile("vol1", "/a/b/c.txt", "gluster"));

        IRadosClient client = provider.GetRequiredService<IRadosClient>();
        using IRadosIoContext docs = client.OpenIoContext("docs");
        using IRadosIoContext rbdPool = client.OpenIoContext("rbd");
        using IRbdImage image = provider.GetRequiredService<Func<IRadosIoContext, IRbdClient>>()(rbdPool).Open("disk");
        var head = new byte[4];
        image.Read(head, 0);
        using IGlusterVolume volume = provider.GetRequiredService<IGlusterClient>().OpenVolume(new GlusterVolumeOptions { VolumeName = "vol1" });
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(docs.ReadAll("readme")), Is.EqualTo("hello"));
            Assert.That(image.Size, Is.EqualTo(1 << 20));
            Assert.That(Encoding.UTF8.GetString(head), Is.EqualTo("boot"));
            Assert.That(Encoding.UTF8.GetString(volume.ReadAllBytes("/a/b/c.txt")), Is.EqualTo("gluster"));
        });
    }

    [Test]
    public void Seed_from_a_json_file_named_in_configuration()
    {
        string file = Path.Combine(Path.GetTempPath(), $"storagekit-seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {
              "pools": [ { "name": "docs", "objects": { "a": "text", "b": { "base64": "AAEC" } } }, { "name": "empty" } ],
              "rbdImages": [ { "pool": "rbd", "name": "disk", "size": 4194304, "content": "MBR" } ],
              "glusterVolumes": [ { "name": "vol1", "files": { "/etc/motd": "hi" } } ]
            }
            """);
        try
        {
            IConfiguration configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["StorageKit:Emulator:SeedFile"] = file })
                .Build();
            using ServiceProvider provider = Build(configuration, s => s.AddObject("docs", "c", "from code"));
            IRadosClient client = provider.GetRequiredService<IRadosClient>();
            using IRadosIoContext docs = client.OpenIoContext("docs");
            using IRadosIoContext rbdPool = client.OpenIoContext("rbd");
            using IGlusterVolume volume = provider.GetRequiredService<IGlusterClient>().OpenVolume(new GlusterVolumeOptions { VolumeName = "vol1" });
            Assert.Multiple(() =>
            {
                Assert.That(client.ListPools(), Is.SupersetOf(new List<string> { "docs", "empty", "rbd" }));
                Assert.That(Encoding.UTF8.GetString(docs.ReadAll("a")), Is.EqualTo("text"));
                Assert.That(docs.ReadAll("b"), Is.EqualTo(Convert.FromBase64String("AAEC")));
                Assert.That(Encoding.UTF8.GetString(docs.ReadAll("c")), Is.EqualTo("from code"));
                Assert.That(provider.GetRequiredService<Func<IRadosIoContext, IRbdClient>>()(rbdPool).List(), Is.EqualTo(new List<string> { "disk" }));
                Assert.That(Encoding.UTF8.GetString(volume.ReadAllBytes("/etc/motd")), Is.EqualTo("hi"));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_seed_file_off_the_schema_fails_with_what_is_missing()
    {
        using ServiceProvider provider = Build(seed: s => s.FromJson("""{ "pools": [ { "objects": {} } ] }"""));
        Assert.That(() => provider.GetRequiredService<IRadosClient>(),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("\"name\""));
    }

    [Test]
    public void Options_are_bound_from_configuration()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StorageKit:Rados:UserName"] = "client.app",
                ["StorageKit:Rados:ConfigOptions:rados_osd_op_timeout"] = "5",
                ["StorageKit:Gluster:VolumeName"] = "vol1",
                ["StorageKit:Gluster:Hosts:0"] = "10.0.0.1",
                ["StorageKit:Gluster:Hosts:1"] = "10.0.0.2",
                ["StorageKit:Gluster:Port"] = "24008",
            })
            .Build();
        using ServiceProvider provider = Build(configuration);
        RadosClientOptions rados = provider.GetRequiredService<IOptions<RadosClientOptions>>().Value;
        GlusterVolumeOptions gluster = provider.GetRequiredService<IOptions<GlusterConnectionOptions>>().Value.ToVolumeOptions();
        Assert.Multiple(() =>
        {
            Assert.That(rados.UserName, Is.EqualTo("client.app"));
            Assert.That(rados.ConfigOptions["rados_osd_op_timeout"], Is.EqualTo("5"));
            Assert.That(gluster.VolumeName, Is.EqualTo("vol1"));
            Assert.That(gluster.Hosts, Is.EqualTo(new List<string> { "10.0.0.1", "10.0.0.2" }));
            Assert.That(gluster.Port, Is.EqualTo(24008));
        });
    }

    [Test]
    public void Disposing_the_provider_shuts_the_client_down()
    {
        IRadosClient client;
        IRadosIoContext io;
        using (ServiceProvider provider = Build(seed: s => s.AddPool("p")))
        {
            client = provider.GetRequiredService<IRadosClient>();
            io = client.OpenIoContext("p");
        }

        using (io)
        {
            Assert.Multiple(() =>
            {
                Assert.That(client.IsConnected, Is.False);
                Assert.That(() => io.WriteFull("x", "y"u8), Throws.InstanceOf<StorageNotConnectedException>());
            });
        }
    }
}
