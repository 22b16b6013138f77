using StorageKit.Conformance.Framework;
using StorageKit.Emulator;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;

namespace StorageKit.Conformance.Targets;

/// <summary>The in-process emulator: always available, one emulated cluster per target.</summary>
public sealed class EmulatorTarget : ConformanceTarget
{
    private readonly EmulatedRadosCluster _cluster = new(new EmulatorOptions());

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
    public override StorageKit.Rbd.IRbdClient OpenRbd(IRadosIoContext ioContext) => StorageKit.Emulator.Rbd.EmulatedRbd.For(ioContext);

    /// <inheritdoc />
    public override IRadosClient CreateRadosClient() => _cluster.CreateClient();

    /// <summary>Every case gets a cluster of its own on a fake clock, so advancing time never disturbs another case.</summary>
    public override ConformanceSession OpenSession() => new EmulatorSession(this);
}
