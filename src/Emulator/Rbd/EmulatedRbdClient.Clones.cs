using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

// Placeholder until the clones area lands.
internal sealed partial class EmulatedRbdClient
{
    /// <inheritdoc />
    public void Clone(string parentName, string parentSnapshotName, string childName, RbdImageOptions? options, IRadosIoContext? childIoContext) => throw new NotImplementedException();
}
