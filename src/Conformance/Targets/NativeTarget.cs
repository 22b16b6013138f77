using StorageKit.Conformance.Framework;
using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Native.Gluster;
using StorageKit.Native.Rados;
using StorageKit.Rados;

namespace StorageKit.Conformance.Targets;

/// <summary>
/// A real Ceph cluster through librados. It is found through the environment: <c>STORAGEKIT_CEPH_CONF</c>
/// (a ceph.conf, as written by <c>scripts/ceph-micro.sh</c>) and <c>STORAGEKIT_CEPH_POOL</c> (default
/// <c>storagekit</c>).
/// </summary>
public sealed class NativeTarget : ConformanceTarget
{
    /// <summary>Environment variable naming the ceph.conf of the cluster to test.</summary>
    public const string ConfigVariable = "STORAGEKIT_CEPH_CONF";

    /// <summary>Environment variable naming the shared pool.</summary>
    public const string PoolVariable = "STORAGEKIT_CEPH_POOL";

    /// <summary>Environment variable naming the host running glusterd (as written by <c>scripts/gluster-micro.sh</c>).</summary>
    public const string GlusterHostVariable = "STORAGEKIT_GLUSTER_HOST";

    /// <summary>Environment variable naming glusterd's management port (default 24007).</summary>
    public const string GlusterPortVariable = "STORAGEKIT_GLUSTER_PORT";

    /// <summary>Environment variable naming the volume (default <c>vol1</c>).</summary>
    public const string GlusterVolumeVariable = "STORAGEKIT_GLUSTER_VOLUME";

    private readonly NativeGlusterClient _gluster = new();
    private readonly string? _configFile;

    /// <summary>A target configured from the environment variables above.</summary>
    public NativeTarget()
        : this(
            Environment.GetEnvironmentVariable(ConfigVariable),
            Environment.GetEnvironmentVariable(PoolVariable) is { Length: > 0 } pool ? pool : "storagekit",
            new GlusterVolumeOptions
            {
                VolumeName = Environment.GetEnvironmentVariable(GlusterVolumeVariable) is { Length: > 0 } volume ? volume : "vol1",
                Hosts = [Environment.GetEnvironmentVariable(GlusterHostVariable) ?? string.Empty],
                Port = int.TryParse(Environment.GetEnvironmentVariable(GlusterPortVariable), System.Globalization.CultureInfo.InvariantCulture, out int port) ? port : GlusterVolumeOptions.DefaultPort,
            })
    {
    }

    // The docker target passes the containers' settings instead of the environment's.
    internal NativeTarget(string? configFile, string sharedPool, GlusterVolumeOptions glusterVolume)
    {
        _configFile = configFile;
        SharedPool = sharedPool;
        GlusterVolume = glusterVolume;
    }

    /// <inheritdoc />
    public override string Name => "native";

    /// <inheritdoc />
    public override string SharedPool { get; }

    /// <inheritdoc />
    public override int PropertyRuns => 25;

    /// <inheritdoc />
    public override string? Prepare()
    {
        if (string.IsNullOrEmpty(_configFile))
        {
            return $"{ConfigVariable} is not set: start a cluster with 'scripts/ceph-micro.sh start DIR' and export {ConfigVariable}=DIR/ceph.conf";
        }

        if (!File.Exists(_configFile))
        {
            return $"{ConfigVariable} points to '{_configFile}', which does not exist";
        }

        try
        {
            using IRadosClient client = CreateRadosClient();
            client.Connect();
            client.LookupPool(SharedPool);
            return null;
        }
        catch (Exception ex) when (ex is StorageException or DllNotFoundException)
        {
            return $"cannot use the cluster of '{_configFile}': {ex.Message}";
        }
    }

    /// <inheritdoc />
    public override IGlusterClient GlusterClient => _gluster;

    /// <inheritdoc />
    public override GlusterVolumeOptions GlusterVolume { get; }

    /// <inheritdoc />
    public override string? PrepareGluster()
    {
        if (GlusterVolume.Hosts.Count == 0 || string.IsNullOrEmpty(GlusterVolume.Hosts[0]))
        {
            return $"{GlusterHostVariable} is not set: start a volume with 'scripts/gluster-micro.sh start DIR' and source DIR/gluster.env";
        }

        try
        {
            using IGlusterVolume volume = _gluster.OpenVolume(GlusterVolume);
            volume.Stat("/");
            return null;
        }
        catch (Exception ex) when (ex is StorageException or DllNotFoundException)
        {
            return $"cannot mount GlusterFS volume '{GlusterVolume.VolumeName}' on {GlusterVolume.Hosts[0]}:{GlusterVolume.Port}: {ex.Message}";
        }
    }

    /// <inheritdoc />
    public override string? PrepareNbd() => NativeNbd.ClientProblem ?? NativeNbd.NbdkitUnavailable;

    /// <summary>Every export is an <c>nbdkit memory</c> process of its own on a Unix socket.</summary>
    public override NbdServedExport StartNbdExport(NbdExportSpec spec) => new NbdkitServedExport(spec);

    /// <inheritdoc />
    public override INbdClient CreateNbdClient() => NativeNbd.CreateClient();

    /// <inheritdoc />
    public override StorageKit.Rbd.IRbdClient OpenRbd(IRadosIoContext ioContext) => StorageKit.Native.Rbd.NativeRbd.For(ioContext);

    /// <inheritdoc />
    public override IRadosClient CreateRadosClient()
    {
        var options = new RadosClientOptions { ConfigFile = _configFile };
        // Fail fast instead of hanging when the cluster is down or an OSD died.
        options.ConfigOptions["client_mount_timeout"] = "15";
        options.ConfigOptions["rados_mon_op_timeout"] = "30";
        options.ConfigOptions["rados_osd_op_timeout"] = "30";
        return new NativeRadosClient(options);
    }
}
