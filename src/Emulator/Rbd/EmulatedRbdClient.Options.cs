using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

// Placeholder until the image options area lands.
internal sealed partial class EmulatedRbdClient
{
    /// <inheritdoc />
    public IRadosIoContext IoContext => throw new NotImplementedException();

    /// <inheritdoc />
    public void Create(string name, long size, RbdImageOptions options) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Remove(string name, IProgress<RbdProgress>? progress) => throw new NotImplementedException();

    /// <inheritdoc />
    public IRbdImage Open(string name, string? snapshotName, bool readOnly) => throw new NotImplementedException();

    /// <inheritdoc />
    public IRbdImage OpenById(string id, string? snapshotName, bool readOnly) => throw new NotImplementedException();
}
