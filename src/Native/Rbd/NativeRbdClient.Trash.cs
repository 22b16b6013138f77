using System.Runtime.InteropServices;
using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdClient
{
    /// <inheritdoc />
    public void MoveToTrash(string name, TimeSpan delay = default)
    {
        RbdArguments.ImageName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        using var lease = ioContext.Use("rbd_trash_move", name);
        RadosCall.Check(Interop.Rbd.rbd_trash_move(lease.Handle, name, (ulong)(long)delay.TotalSeconds), "rbd_trash_move", name);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdTrashImageInfo> ListTrash()
    {
        using var lease = ioContext.Use("rbd_trash_list", null);
        nuint count = 16;
        while (true)
        {
            var entries = new Interop.Rbd.TrashImageInfo[(int)count];
            nuint requested = count;
            int returnCode;
            fixed (Interop.Rbd.TrashImageInfo* pointer = entries)
            {
                returnCode = Interop.Rbd.rbd_trash_list(lease.Handle, pointer, ref count);
                if (returnCode >= 0)
                {
                    var result = new List<RbdTrashImageInfo>(returnCode);
                    for (int i = 0; i < returnCode; i++)
                    {
                        result.Add(ToInfo(entries[i]));
                    }

                    Interop.Rbd.rbd_trash_list_cleanup(pointer, (nuint)returnCode);
                    return result;
                }
            }

            if (returnCode == -(int)Errno.ERANGE && count > requested)
            {
                continue;
            }

            RadosCall.Check(returnCode, "rbd_trash_list");
        }
    }

    /// <inheritdoc />
    public RbdTrashImageInfo GetTrash(string id)
    {
        RbdArguments.ImageName(id, nameof(id));
        using var lease = ioContext.Use("rbd_trash_get", id);
        RadosCall.Check(Interop.Rbd.rbd_trash_get(lease.Handle, id, out var info), "rbd_trash_get", id);
        try
        {
            return ToInfo(info);
        }
        finally
        {
            Interop.Rbd.rbd_trash_get_cleanup(ref info);
        }
    }

    /// <inheritdoc />
    public void RestoreFromTrash(string id, string name = "")
    {
        RbdArguments.ImageName(id, nameof(id));
        RbdArguments.ImageName(name);
        using var lease = ioContext.Use("rbd_trash_restore", id);
        RadosCall.Check(Interop.Rbd.rbd_trash_restore(lease.Handle, id, name), "rbd_trash_restore", id);
    }

    /// <inheritdoc />
    public unsafe void RemoveFromTrash(string id, bool force = false, IProgress<RbdProgress>? progress = null)
    {
        RbdArguments.ImageName(id, nameof(id));
        if (progress is null)
        {
            using var plain = ioContext.Use("rbd_trash_remove", id);
            RadosCall.Check(Interop.Rbd.rbd_trash_remove(plain.Handle, id, force), "rbd_trash_remove", id);
            return;
        }

        using var lease = ioContext.Use("rbd_trash_remove_with_progress", id);
        using var relay = new NativeRbdProgress(progress);
        RadosCall.Check(Interop.Rbd.rbd_trash_remove_with_progress(lease.Handle, id, force, NativeRbdProgress.Callback, relay.State), "rbd_trash_remove_with_progress", id);
        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public unsafe void PurgeTrash(DateTimeOffset expiresBefore, float threshold = -1, IProgress<RbdProgress>? progress = null)
    {
        long expire = expiresBefore.ToUnixTimeSeconds();
        if (progress is null)
        {
            using var plain = ioContext.Use("rbd_trash_purge", null);
            RadosCall.Check(Interop.Rbd.rbd_trash_purge(plain.Handle, expire, threshold), "rbd_trash_purge");
            return;
        }

        using var lease = ioContext.Use("rbd_trash_purge_with_progress", null);
        using var relay = new NativeRbdProgress(progress);
        RadosCall.Check(Interop.Rbd.rbd_trash_purge_with_progress(lease.Handle, expire, threshold, NativeRbdProgress.Callback, relay.State), "rbd_trash_purge_with_progress");
        relay.ThrowIfFailed();
    }

    private static RbdTrashImageInfo ToInfo(in Interop.Rbd.TrashImageInfo info)
        => new(
            Marshal.PtrToStringUTF8(info.Id) ?? "",
            Marshal.PtrToStringUTF8(info.Name) ?? "",
            (RbdTrashImageSource)info.Source,
            DateTimeOffset.FromUnixTimeSeconds(info.DeletionTime),
            DateTimeOffset.FromUnixTimeSeconds(info.DefermentEndTime));
}
