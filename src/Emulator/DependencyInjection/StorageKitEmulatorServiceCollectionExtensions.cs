using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StorageKit.Emulator.Gluster;
using StorageKit.Emulator.Nbd;
using StorageKit.Emulator.Rados;
using StorageKit.Emulator.Rbd;
using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.DependencyInjection;

/// <summary>
/// Registers the emulated StorageKit entry points. Lifetimes (see docs/dependency-injection.md):
/// <list type="bullet">
/// <item><see cref="EmulatedRadosCluster"/>, <see cref="EmulatedGlusterCluster"/> (also as <see cref="IGlusterClient"/>)
/// and a private <see cref="EmulatedNbdNetwork"/>: singletons — the emulated world every consumer shares, seeded once
/// when any of them is first resolved; seeded NBD servers are owned by the container and stopped when it is disposed.</item>
/// <item><see cref="IRadosClient"/>: a singleton connected on first resolve with <c>IOptions&lt;RadosClientOptions&gt;</c>,
/// disposed (shut down) by the container.</item>
/// <item><c>Func&lt;IRadosIoContext, IRbdClient&gt;</c> and <c>Func&lt;INbdClient&gt;</c>: singleton factories for
/// per-use handles; the caller owns (and disposes) what they return, as with io contexts.</item>
/// </list>
/// </summary>
public static class StorageKitEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the emulator. <paramref name="configuration"/> (the root; sections <c>StorageKit:Rados</c>,
    /// <c>StorageKit:Gluster</c>, <c>StorageKit:Emulator:SeedFile</c>) binds the options; <paramref name="seed"/>
    /// pre-seeds pools, objects, RBD images, Gluster volumes and files, and NBD servers, after the seed file if both are given.
    /// </summary>
    public static IServiceCollection AddStorageKitEmulator(
        this IServiceCollection services,
        IConfiguration? configuration = null,
        Action<EmulatorSeedBuilder>? seed = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<RadosClientOptions> rados = services.AddOptions<RadosClientOptions>();
        OptionsBuilder<GlusterConnectionOptions> gluster = services.AddOptions<GlusterConnectionOptions>();
        OptionsBuilder<EmulatorSeedBuilder> seedOptions = services.AddOptions<EmulatorSeedBuilder>();
        if (configuration is not null)
        {
            rados.Bind(configuration.GetSection(StorageKitConfiguration.RadosSection));
            gluster.Bind(configuration.GetSection(StorageKitConfiguration.GlusterSection));
            string? seedFile = configuration.GetSection(StorageKitConfiguration.EmulatorSection)["SeedFile"];
            if (!string.IsNullOrEmpty(seedFile))
            {
                seedOptions.Configure(b => b.FromJsonFile(seedFile));
            }
        }

        if (seed is not null)
        {
            seedOptions.Configure(seed);
        }

        services.AddSingleton(sp => new EmulatorWorld(sp.GetRequiredService<IOptions<EmulatorSeedBuilder>>().Value, sp.GetService<EmulatorOptions>()));
        services.AddSingleton(sp => sp.GetRequiredService<EmulatorWorld>().Rados);
        services.AddSingleton(sp => sp.GetRequiredService<EmulatorWorld>().Gluster);
        services.AddSingleton<IGlusterClient>(sp => sp.GetRequiredService<EmulatedGlusterCluster>());
        services.AddSingleton(sp => sp.GetRequiredService<EmulatorWorld>().Nbd);
        services.AddSingleton(sp => sp.GetRequiredService<EmulatedRadosCluster>().Connect(sp.GetRequiredService<IOptions<RadosClientOptions>>().Value));
        services.AddSingleton<Func<IRadosIoContext, IRbdClient>>(EmulatedRbd.For);
        services.AddSingleton<Func<INbdClient>>(sp =>
        {
            EmulatedNbdNetwork network = sp.GetRequiredService<EmulatedNbdNetwork>();
            return () => new EmulatedNbdClient(network);
        });
        return services;
    }
}
