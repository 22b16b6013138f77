using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Native.DependencyInjection;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.DependencyInjection.Tests;

/// <summary>AddStorageKitNative: building the provider needs no cluster; using it without one fails with librados' error.</summary>
public sealed class NativeRegistrationTests
{
    private static ServiceProvider Build(string configFile)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["StorageKit:Rados:ConfigFile"] = configFile })
            .Build();
        return new ServiceCollection()
            .AddStorageKitNative(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Test]
    public void The_provider_builds_without_a_cluster_and_factories_resolve()
    {
        using ServiceProvider provider = Build("/nonexistent/storagekit/ceph.conf");
        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<Func<IRadosIoContext, IRbdClient>>(), Is.Not.Null);
            Assert.That(provider.GetRequiredService<Func<INbdClient>>(), Is.Not.Null);
        });
    }

    [Test]
    public void Using_the_rados_client_without_a_cluster_fails_with_the_librados_error()
    {
        using ServiceProvider provider = Build("/nonexistent/storagekit/ceph.conf");
        try
        {
            Assert.That(() => provider.GetRequiredService<IRadosClient>(),
                Throws.InstanceOf<StorageException>().With.Property(nameof(StorageException.Operation)).EqualTo("rados_conf_read_file"));
        }
        catch (Native.NativeLibraryNotFoundException e) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            // Locally without librados there is nothing native to check; under CI=true the missing library fails the test.
            Assert.Ignore($"librados is not installed: {e.Message}");
        }
    }

    [Test]
    public void Gluster_options_without_a_volume_name_say_which_key_is_missing()
    {
        var options = new GlusterConnectionOptions();
        Assert.That(options.ToVolumeOptions, Throws.InvalidOperationException.With.Message.Contains("StorageKit:Gluster:VolumeName"));
    }
}
