using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

// Placeholder until the clones area lands.
internal sealed partial class NativeRbdClient
{
    /// <inheritdoc />
    public void Clone(string parentName, string parentSnapshotName, string childName, RbdImageOptions? options, IRadosIoContext? childIoContext) => throw new NotImplementedException();
}
