using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Native.Gluster;
using StorageKit.Native.Nbd;
using StorageKit.Native.Rados;
using StorageKit.Native.Rbd;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.DependencyInjection;

/// <summary>
/// Registers the native StorageKit entry points (librados, librbd, libgfapi, libnbd). Lifetimes
/// (see docs/dependency-injection.md):
/// <list type="bullet">
/// <item><see cref="IRadosClient"/>: a singleton created and connected with <c>IOptions&lt;RadosClientOptions&gt;</c>
/// when first resolved (building the provider never touches the cluster), disposed (shut down) by the container.
/// Without a reachable cluster that first resolve throws the <see cref="StorageException"/> of <c>rados_connect</c>
/// (or <see cref="NativeLibraryNotFoundException"/> without librados).</item>
/// <item><see cref="IGlusterClient"/>: a singleton <see cref="NativeGlusterClient"/>; volumes it opens belong to the caller.</item>
/// <item><c>Func&lt;IRadosIoContext, IRbdClient&gt;</c> and <c>Func&lt;INbdClient&gt;</c>: singleton factories for
/// per-use handles; the caller owns (and disposes) what they return.</item>
/// </list>
/// </summary>
public static class StorageKitNativeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the native implementation. <paramref name="configuration"/> (the root; sections <c>StorageKit:Rados</c>
    /// and <c>StorageKit:Gluster</c>) binds <see cref="RadosClientOptions"/> and <see cref="GlusterConnectionOptions"/>.
    /// </summary>
    public static IServiceCollection AddStorageKitNative(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<RadosClientOptions> rados = services.AddOptions<RadosClientOptions>();
        OptionsBuilder<GlusterConnectionOptions> gluster = services.AddOptions<GlusterConnectionOptions>();
        if (configuration is not null)
        {
            rados.Bind(configuration.GetSection(StorageKitConfiguration.RadosSection));
            gluster.Bind(configuration.GetSection(StorageKitConfiguration.GlusterSection));
        }

        services.AddSingleton<IRadosClient>(sp =>
        {
            var client = new NativeRadosClient(sp.GetRequiredService<IOptions<RadosClientOptions>>().Value);
            try
            {
                client.Connect();
            }
            catch
            {
                // The container never sees a client whose factory threw: release the librados handle here.
                client.Dispose();
                throw;
            }

            return client;
        });
        services.AddSingleton<IGlusterClient, NativeGlusterClient>();
        services.AddSingleton<Func<IRadosIoContext, IRbdClient>>(NativeRbd.For);
        services.AddSingleton<Func<INbdClient>>(() => new NativeNbdClient());
        return services;
    }
}
