using System.Globalization;
using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>Snapshots through librbd's <c>rbd_snap_*</c> calls.</summary>
internal sealed partial class NativeRbdImage
{
    private volatile string? _snapshotName;

    /// <summary>The snapshot the handle was opened at (<c>rbd_open</c> with a snapshot name), so <see cref="CurrentSnapshotName"/> knows it.</summary>
    internal string? OpenedAtSnapshot
    {
        init
        {
            _snapshotName = value;
            ReadingSnapshot = value is not null;
        }
    }

    /// <inheritdoc />
    public string? CurrentSnapshotName
    {
        get
        {
            // librbd has no getter for the snapshot set on a handle: the kit remembers what it set.
            using var lease = Use();
            return _snapshotName;
        }
    }

    /// <inheritdoc />
    public void CreateSnapshot(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_create(lease.Handle, snapshotName), "rbd_snap_create", snapshotName);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdSnapshotInfo> ListSnapshots()
    {
        using var lease = Use();
        RbdImageHandle image = lease.Handle;
        int capacity = 16;
        while (true)
        {
            var entries = new Interop.Rbd.SnapshotInfo[capacity];
            int count = capacity;
            int returnCode;
            fixed (Interop.Rbd.SnapshotInfo* pointer = entries)
            {
                returnCode = Interop.Rbd.rbd_snap_list(image, pointer, ref count);
                if (returnCode == -(int)Errno.ERANGE)
                {
                    // count now holds what librbd needs (plus its end marker).
                    capacity = Math.Max(count, capacity * 2);
                    continue;
                }

                RadosCall.Check(returnCode, "rbd_snap_list", Name);
                var listed = new List<(ulong Id, ulong Size, string Name)>(returnCode);
                try
                {
                    for (int i = 0; i < returnCode; i++)
                    {
                        listed.Add((entries[i].Id, entries[i].Size, NativeText.FromNulTerminated((byte*)entries[i].Name)));
                    }
                }
                finally
                {
                    Interop.Rbd.rbd_snap_list_end(pointer);
                }

                var snapshots = new List<RbdSnapshotInfo>(listed.Count);
                foreach (var (id, size, name) in listed)
                {
                    var namespaceType = NamespaceType(image, id);
                    snapshots.Add(new RbdSnapshotInfo(id, name, checked((long)size), Timestamp(image, id), namespaceType, namespaceType == RbdSnapshotNamespaceType.User && IsProtected(image, name)));
                }

                return snapshots;
            }
        }
    }

    /// <inheritdoc />
    public void RemoveSnapshot(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_remove(lease.Handle, snapshotName), "rbd_snap_remove", snapshotName);
    }

    /// <inheritdoc />
    public void RemoveSnapshot(ulong snapshotId)
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_remove_by_id(lease.Handle, snapshotId), "rbd_snap_remove_by_id", Text(snapshotId));
    }

    /// <inheritdoc />
    public void RenameSnapshot(string sourceName, string destinationName)
    {
        RadosArguments.Name(sourceName, nameof(sourceName));
        RadosArguments.Name(destinationName, nameof(destinationName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_rename(lease.Handle, sourceName, destinationName), "rbd_snap_rename", sourceName);
    }

    /// <inheritdoc />
    public void ProtectSnapshot(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_protect(lease.Handle, snapshotName), "rbd_snap_protect", snapshotName);
    }

    /// <inheritdoc />
    public void UnprotectSnapshot(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_unprotect(lease.Handle, snapshotName), "rbd_snap_unprotect", snapshotName);
    }

    /// <inheritdoc />
    public bool IsSnapshotProtected(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_is_protected(lease.Handle, snapshotName, out int isProtected), "rbd_snap_is_protected", snapshotName);
        return isProtected != 0;
    }

    /// <inheritdoc />
    public bool SnapshotExists(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_exists(lease.Handle, snapshotName, out byte exists), "rbd_snap_exists", snapshotName);
        return exists != 0;
    }

    /// <inheritdoc />
    public ulong GetSnapshotId(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_get_id(lease.Handle, snapshotName, out ulong snapshotId), "rbd_snap_get_id", snapshotName);
        return snapshotId;
    }

    /// <inheritdoc />
    public unsafe string GetSnapshotName(ulong snapshotId)
    {
        using var lease = Use();
        RbdImageHandle image = lease.Handle;
        nuint length = 64;
        while (true)
        {
            var buffer = new byte[(int)length];
            nuint given = length;
            int returnCode;
            fixed (byte* pointer = buffer)
            {
                returnCode = Interop.Rbd.rbd_snap_get_name(image, snapshotId, pointer, ref length);
            }

            if (returnCode == -(int)Errno.ERANGE && length > given)
            {
                continue;
            }

            RadosCall.Check(returnCode, "rbd_snap_get_name", Text(snapshotId));
            return NativeText.FromNulTerminated(buffer);
        }
    }

    /// <inheritdoc />
    public DateTimeOffset GetSnapshotTimestamp(ulong snapshotId)
    {
        using var lease = Use();
        return Timestamp(lease.Handle, snapshotId);
    }

    /// <inheritdoc />
    public RbdSnapshotNamespaceType GetSnapshotNamespaceType(ulong snapshotId)
    {
        using var lease = Use();
        return NamespaceType(lease.Handle, snapshotId);
    }

    /// <inheritdoc />
    public unsafe void RollbackSnapshot(string snapshotName, IProgress<RbdProgress>? progress)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        using var lease = Use();
        if (progress is null)
        {
            RadosCall.Check(Interop.Rbd.rbd_snap_rollback(lease.Handle, snapshotName), "rbd_snap_rollback", snapshotName);
            return;
        }

        using var relay = new NativeRbdProgress(progress);
        RadosCall.Check(Interop.Rbd.rbd_snap_rollback_with_progress(lease.Handle, snapshotName, NativeRbdProgress.Callback, relay.State), "rbd_snap_rollback_with_progress", snapshotName);
        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public void SetSnapshot(string? snapshotName)
    {
        if (snapshotName is not null)
        {
            RadosArguments.Name(snapshotName, nameof(snapshotName));
        }

        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_set(lease.Handle, snapshotName), "rbd_snap_set", snapshotName ?? Name);
        _snapshotName = snapshotName;
        ReadingSnapshot = snapshotName is not null;
    }

    /// <inheritdoc />
    public void SetSnapshot(ulong? snapshotId)
    {
        using var lease = Use();
        RbdImageHandle image = lease.Handle;
        RadosCall.Check(Interop.Rbd.rbd_snap_set_by_id(image, snapshotId ?? Interop.Rbd.NoSnapshot), "rbd_snap_set_by_id", snapshotId is ulong id ? Text(id) : Name);
        _snapshotName = snapshotId is ulong current ? GetSnapshotName(current) : null;
        ReadingSnapshot = snapshotId is not null;
    }

    /// <inheritdoc />
    public ulong GetSnapshotLimit()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_get_limit(lease.Handle, out ulong limit), "rbd_snap_get_limit", Name);
        return limit;
    }

    /// <inheritdoc />
    public void SetSnapshotLimit(ulong limit)
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_snap_set_limit(lease.Handle, limit), "rbd_snap_set_limit", Name);
    }

    private static string Text(ulong snapshotId) => snapshotId.ToString(CultureInfo.InvariantCulture);

    private static unsafe DateTimeOffset Timestamp(RbdImageHandle image, ulong snapshotId)
    {
        // librbd 16 aborts the process (ceph_assert) in rbd_snap_get_timestamp for an unknown id (measured):
        // look the id up first, so the kit answers ENOENT as the other snapshot getters do.
        // (rbd_snap_get_name answers ERANGE before it looks at the id when the buffer cannot even hold "", so give it one byte.)
        byte probe = 0;
        nuint length = 1;
        int lookup = Interop.Rbd.rbd_snap_get_name(image, snapshotId, &probe, ref length);
        if (lookup == -(int)Errno.ENOENT)
        {
            throw StorageErrors.Create(Errno.ENOENT, "rbd_snap_get_timestamp", Text(snapshotId));
        }

        RadosCall.Check(Interop.Rbd.rbd_snap_get_timestamp(image, snapshotId, out var timestamp), "rbd_snap_get_timestamp", Text(snapshotId));
        return DateTimeOffset.UnixEpoch.AddTicks((timestamp.Seconds * TimeSpan.TicksPerSecond) + (timestamp.Nanoseconds / 100));
    }

    private static RbdSnapshotNamespaceType NamespaceType(RbdImageHandle image, ulong snapshotId)
    {
        RadosCall.Check(Interop.Rbd.rbd_snap_get_namespace_type(image, snapshotId, out int namespaceType), "rbd_snap_get_namespace_type", Text(snapshotId));
        return (RbdSnapshotNamespaceType)namespaceType;
    }

    private static bool IsProtected(RbdImageHandle image, string snapshotName)
    {
        RadosCall.Check(Interop.Rbd.rbd_snap_is_protected(image, snapshotName, out int isProtected), "rbd_snap_is_protected", snapshotName);
        return isProtected != 0;
    }
}
