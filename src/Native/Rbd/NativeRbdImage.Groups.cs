using System.Globalization;
using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public unsafe RbdGroupInfo? GetGroup()
    {
        using var lease = Use();
        Interop.Rbd.GroupInfo info;
        RadosCall.Check(Interop.Rbd.rbd_get_group(lease.Handle, &info, (nuint)sizeof(Interop.Rbd.GroupInfo)), "rbd_get_group", Name);
        try
        {
            // librbd reports "no group" as pool -1 with an empty name.
            return info.Pool < 0 ? null : new RbdGroupInfo(NativeText.FromNulTerminated((byte*)info.Name), info.Pool);
        }
        finally
        {
            _ = Interop.Rbd.rbd_group_info_cleanup(&info, (nuint)sizeof(Interop.Rbd.GroupInfo));
        }
    }

    /// <inheritdoc />
    public unsafe RbdSnapshotGroupNamespace GetSnapshotGroupNamespace(ulong snapshotId)
    {
        using var lease = Use();
        Interop.Rbd.SnapGroupNamespace info;
        RadosCall.Check(
            Interop.Rbd.rbd_snap_get_group_namespace(lease.Handle, snapshotId, &info, (nuint)sizeof(Interop.Rbd.SnapGroupNamespace)),
            "rbd_snap_get_group_namespace",
            snapshotId.ToString(CultureInfo.InvariantCulture));
        try
        {
            return new RbdSnapshotGroupNamespace(info.GroupPool, NativeText.FromNulTerminated((byte*)info.GroupName), NativeText.FromNulTerminated((byte*)info.GroupSnapName));
        }
        finally
        {
            _ = Interop.Rbd.rbd_snap_group_namespace_cleanup(&info, (nuint)sizeof(Interop.Rbd.SnapGroupNamespace));
        }
    }
}
