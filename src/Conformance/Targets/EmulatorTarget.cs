using StorageKit.Conformance.Framework;
using StorageKit.Emulator;
using StorageKit.Emulator.Gluster;
using StorageKit.Emulator.Nbd;
using StorageKit.Emulator.Rados;
using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Rados;

namespace StorageKit.Conformance.Targets;

/// <summary>The in-process emulator: always available, one emulated cluster per target.</summary>
public sealed class EmulatorTarget : ConformanceTarget
{
    /// <summary>The volume every emulated GlusterFS session starts with.</summary>
    public const string GlusterVolumeName = "vol1";

    private readonly EmulatedRadosCluster _cluster = new(new EmulatorOptions());
    private readonly Lazy<EmulatedGlusterCluster> _gluster = new(() =>
    {
        var gluster = new EmulatedGlusterCluster();
        gluster.CreateVolume(GlusterVolumeName);
        return gluster;
    });

    /// <inheritdoc />
    public override string Name => "emulator";

    /// <inheritdoc />
    public override string SharedPool => "storagekit";

    /// <inheritdoc />
    public override string? Prepare()
    {
        using IRadosClient client = _cluster.Connect();
        if (!client.ListPools().Contains(SharedPool))
        {
            client.CreatePool(SharedPool);
        }

        return null;
    }

    /// <inheritdoc />
    public override string? PrepareGluster()
    {
        using IGlusterVolume volume = _gluster.Value.OpenVolume(GlusterVolume);
        return null;
    }

    /// <inheritdoc />
    public override IGlusterClient GlusterClient => _gluster.Value;

    /// <inheritdoc />
    public override GlusterVolumeOptions GlusterVolume { get; } = new() { VolumeName = GlusterVolumeName };

    /// <inheritdoc />
    public override string? PrepareNbd() => null;

    /// <summary>Every export is an in-process server reached through the emulated network: no socket at all.</summary>
    public override NbdServedExport StartNbdExport(NbdExportSpec spec) => new EmulatedServedExport(spec);

    /// <inheritdoc />
    public override INbdClient CreateNbdClient() => new EmulatedNbdClient();

    /// <inheritdoc />
    public override StorageKit.Rbd.IRbdClient OpenRbd(IRadosIoContext ioContext) => StorageKit.Emulator.Rbd.EmulatedRbd.For(ioContext);

    /// <inheritdoc />
    public override IRadosClient CreateRadosClient() => _cluster.CreateClient();

    /// <summary>Every case gets a cluster of its own on a fake clock, so advancing time never disturbs another case.</summary>
    public override ConformanceSession OpenSession() => new EmulatorSession(this);
}
