using StorageKit.Conformance.Framework;
using StorageKit.Nbd;
using StorageKit.Rados;

namespace StorageKit.Conformance.Targets;

/// <summary>
/// libnbd (<c>NativeNbdClient</c>) against StorageKit's own managed <c>NbdServer</c> on a real Unix socket: proves
/// the server answers a real client the way nbdkit does. NBD only.
/// </summary>
public sealed class NativeServerTarget : ConformanceTarget
{
    private const string NbdOnly = "target 'native-server' pairs libnbd with StorageKit's NBD server; it has no Ceph or GlusterFS side";

    /// <inheritdoc />
    public override string Name => "native-server";

    /// <inheritdoc />
    public override string SharedPool => throw new NotSupportedException(NbdOnly);

    /// <inheritdoc />
    public override bool Supports(ConformanceSystem system) => system == ConformanceSystem.Nbd;

    /// <inheritdoc />
    public override string? Prepare() => NbdOnly;

    /// <inheritdoc />
    public override string? PrepareGluster() => NbdOnly;

    /// <inheritdoc />
    public override IRadosClient CreateRadosClient() => throw new NotSupportedException(NbdOnly);

    /// <inheritdoc />
    public override StorageKit.Rbd.IRbdClient OpenRbd(IRadosIoContext ioContext) => throw new NotSupportedException(NbdOnly);

    /// <inheritdoc />
    public override string? PrepareNbd() => NativeNbd.ClientProblem;

    /// <inheritdoc />
    public override NbdServedExport StartNbdExport(NbdExportSpec spec) => new SocketServedExport(spec);

    /// <inheritdoc />
    public override INbdClient CreateNbdClient() => NativeNbd.CreateClient();
}
