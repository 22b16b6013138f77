using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdClient
{
    /// <inheritdoc />
    public void CreateGroup(string groupName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        using var lease = ioContext.Use("rbd_group_create", groupName);
        RadosCall.Check(Interop.Rbd.rbd_group_create(lease.Handle, groupName), "rbd_group_create", groupName);
    }

    /// <inheritdoc />
    public void RemoveGroup(string groupName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        using var lease = ioContext.Use("rbd_group_remove", groupName);
        RadosCall.Check(Interop.Rbd.rbd_group_remove(lease.Handle, groupName), "rbd_group_remove", groupName);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<string> ListGroups()
    {
        using var lease = ioContext.Use("rbd_group_list", null);
        var io = lease.Handle;
        return NativeNameList.Read("rbd_group_list", (byte* buffer, ref nuint size) => Interop.Rbd.rbd_group_list(io, buffer, ref size));
    }

    /// <inheritdoc />
    public void RenameGroup(string sourceName, string destinationName)
    {
        RadosArguments.Name(sourceName, nameof(sourceName));
        RadosArguments.Name(destinationName, nameof(destinationName));
        using var lease = ioContext.Use("rbd_group_rename", sourceName);
        RadosCall.Check(Interop.Rbd.rbd_group_rename(lease.Handle, sourceName, destinationName), "rbd_group_rename", sourceName);
    }

    /// <inheritdoc />
    public void AddGroupImage(string groupName, string imageName, IRadosIoContext? imageIoContext)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        RbdArguments.ImageName(imageName, nameof(imageName));
        NativeRadosIoContext imageIo = imageIoContext is null ? ioContext : NativeRbdImage.NativeIoContext(imageIoContext, nameof(imageIoContext));
        using var lease = ioContext.Use("rbd_group_image_add", groupName);
        using var imageLease = imageIo.Use("rbd_group_image_add", imageName);
        RadosCall.Check(Interop.Rbd.rbd_group_image_add(lease.Handle, groupName, imageLease.Handle, imageName), "rbd_group_image_add", imageName);
    }

    /// <inheritdoc />
    public void RemoveGroupImage(string groupName, string imageName, IRadosIoContext? imageIoContext)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        RbdArguments.ImageName(imageName, nameof(imageName));
        NativeRadosIoContext imageIo = imageIoContext is null ? ioContext : NativeRbdImage.NativeIoContext(imageIoContext, nameof(imageIoContext));
        using var lease = ioContext.Use("rbd_group_image_remove", groupName);
        using var imageLease = imageIo.Use("rbd_group_image_remove", imageName);
        RadosCall.Check(Interop.Rbd.rbd_group_image_remove(lease.Handle, groupName, imageLease.Handle, imageName), "rbd_group_image_remove", imageName);
    }

    /// <inheritdoc />
    public void RemoveGroupImageById(string groupName, string imageId, IRadosIoContext? imageIoContext)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(imageId, nameof(imageId));
        NativeRadosIoContext imageIo = imageIoContext is null ? ioContext : NativeRbdImage.NativeIoContext(imageIoContext, nameof(imageIoContext));
        using var lease = ioContext.Use("rbd_group_image_remove_by_id", groupName);
        using var imageLease = imageIo.Use("rbd_group_image_remove_by_id", imageId);
        RadosCall.Check(Interop.Rbd.rbd_group_image_remove_by_id(lease.Handle, groupName, imageLease.Handle, imageId), "rbd_group_image_remove_by_id", imageId);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdGroupImageInfo> ListGroupImages(string groupName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        using var lease = ioContext.Use("rbd_group_image_list", groupName);
        nuint capacity = 16;
        while (true)
        {
            var entries = new Interop.Rbd.GroupImageInfo[(int)capacity];
            nuint count = capacity;
            fixed (Interop.Rbd.GroupImageInfo* pointer = entries)
            {
                int returnCode = Interop.Rbd.rbd_group_image_list(lease.Handle, groupName, pointer, (nuint)sizeof(Interop.Rbd.GroupImageInfo), ref count);
                if (returnCode == -(int)Errno.ERANGE && count > capacity)
                {
                    capacity = count;
                    continue;
                }

                RadosCall.Check(returnCode, "rbd_group_image_list", groupName);
                try
                {
                    var images = new List<RbdGroupImageInfo>((int)count);
                    for (int i = 0; i < (int)count; i++)
                    {
                        images.Add(new RbdGroupImageInfo(NativeText.FromNulTerminated((byte*)entries[i].Name), entries[i].Pool, (RbdGroupImageState)entries[i].State));
                    }

                    return images;
                }
                finally
                {
                    _ = Interop.Rbd.rbd_group_image_list_cleanup(pointer, (nuint)sizeof(Interop.Rbd.GroupImageInfo), count);
                }
            }
        }
    }

    /// <inheritdoc />
    public void CreateGroupSnapshot(string groupName, string snapshotName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = ioContext.Use("rbd_group_snap_create", groupName);
        RadosCall.Check(Interop.Rbd.rbd_group_snap_create(lease.Handle, groupName, snapshotName), "rbd_group_snap_create", snapshotName);
    }

    /// <inheritdoc />
    public void RemoveGroupSnapshot(string groupName, string snapshotName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = ioContext.Use("rbd_group_snap_remove", groupName);
        RadosCall.Check(Interop.Rbd.rbd_group_snap_remove(lease.Handle, groupName, snapshotName), "rbd_group_snap_remove", snapshotName);
    }

    /// <inheritdoc />
    public void RenameGroupSnapshot(string groupName, string sourceName, string destinationName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(sourceName, nameof(sourceName));
        RadosArguments.Name(destinationName, nameof(destinationName));
        using var lease = ioContext.Use("rbd_group_snap_rename", groupName);
        RadosCall.Check(Interop.Rbd.rbd_group_snap_rename(lease.Handle, groupName, sourceName, destinationName), "rbd_group_snap_rename", sourceName);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdGroupSnapshotInfo> ListGroupSnapshots(string groupName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        using var lease = ioContext.Use("rbd_group_snap_list", groupName);
        nuint capacity = 16;
        while (true)
        {
            var entries = new Interop.Rbd.GroupSnapInfo[(int)capacity];
            nuint count = capacity;
            fixed (Interop.Rbd.GroupSnapInfo* pointer = entries)
            {
                int returnCode = Interop.Rbd.rbd_group_snap_list(lease.Handle, groupName, pointer, (nuint)sizeof(Interop.Rbd.GroupSnapInfo), ref count);
                if (returnCode == -(int)Errno.ERANGE && count > capacity)
                {
                    capacity = count;
                    continue;
                }

                RadosCall.Check(returnCode, "rbd_group_snap_list", groupName);
                try
                {
                    var snapshots = new List<RbdGroupSnapshotInfo>((int)count);
                    for (int i = 0; i < (int)count; i++)
                    {
                        snapshots.Add(new RbdGroupSnapshotInfo(NativeText.FromNulTerminated((byte*)entries[i].Name), (RbdGroupSnapshotState)entries[i].State));
                    }

                    return snapshots;
                }
                finally
                {
                    _ = Interop.Rbd.rbd_group_snap_list_cleanup(pointer, (nuint)sizeof(Interop.Rbd.GroupSnapInfo), count);
                }
            }
        }
    }

    /// <inheritdoc />
    public unsafe void RollbackGroupSnapshot(string groupName, string snapshotName, IProgress<RbdProgress>? progress)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = ioContext.Use("rbd_group_snap_rollback", groupName);
        if (progress is null)
        {
            RadosCall.Check(Interop.Rbd.rbd_group_snap_rollback(lease.Handle, groupName, snapshotName), "rbd_group_snap_rollback", snapshotName);
            return;
        }

        using var relay = new NativeRbdProgress(progress);
        RadosCall.Check(
            Interop.Rbd.rbd_group_snap_rollback_with_progress(lease.Handle, groupName, snapshotName, NativeRbdProgress.Callback, relay.State),
            "rbd_group_snap_rollback_with_progress",
            snapshotName);
        relay.ThrowIfFailed();
    }
}
