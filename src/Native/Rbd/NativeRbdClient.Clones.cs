using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdClient
{
    /// <inheritdoc />
    public void Clone(string parentName, string parentSnapshotName, string childName, RbdImageOptions? options, IRadosIoContext? childIoContext)
    {
        RbdArguments.ImageName(parentName, nameof(parentName));
        RbdArguments.ImageName(parentSnapshotName, nameof(parentSnapshotName));
        RbdArguments.ImageName(childName, nameof(childName));
        NativeRadosIoContext child = childIoContext is null ? ioContext : NativeRbdImage.NativeIoContext(childIoContext, nameof(childIoContext));
        using var parentLease = ioContext.Use("rbd_clone3", parentName);
        using var childLease = child.Use("rbd_clone3", childName);
        using var nativeOptions = NativeImageOptions.From(options, "rbd_clone3", childName);
        RadosCall.Check(Interop.Rbd.rbd_clone3(parentLease.Handle, parentName, parentSnapshotName, childLease.Handle, childName, nativeOptions.Handle), "rbd_clone3", childName);
    }
}
