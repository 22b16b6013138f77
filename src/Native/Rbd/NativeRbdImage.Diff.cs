using System.Runtime.InteropServices;
using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdDiffExtent> Diff(string? fromSnapshotName, long offset, long length, bool includeParent, bool wholeObject)
    {
        if (fromSnapshotName is not null)
        {
            RbdArguments.ImageName(fromSnapshotName, nameof(fromSnapshotName));
        }

        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        using var lease = Use();
        var extents = new List<RbdDiffExtent>();
        var target = GCHandle.Alloc(extents);
        try
        {
            RadosCall.Check(
                Interop.Rbd.rbd_diff_iterate2(lease.Handle, fromSnapshotName, (ulong)offset, (ulong)length, includeParent ? (byte)1 : (byte)0, wholeObject ? (byte)1 : (byte)0, NativeRbdCallbacks.DiffExtent, GCHandle.ToIntPtr(target)),
                "rbd_diff_iterate2",
                Name);
        }
        finally
        {
            target.Free();
        }

        return extents;
    }
}
