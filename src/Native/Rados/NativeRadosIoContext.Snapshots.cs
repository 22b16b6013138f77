using System.Globalization;
using StorageKit.Rados;

namespace StorageKit.Native.Rados;

internal sealed partial class NativeRadosIoContext
{
    private ulong _readSnapshot = RadosSnapshot.Head;

    /// <inheritdoc />
    public ulong ReadSnapshot => _readSnapshot;

    /// <inheritdoc />
    public void CreateSnapshot(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        const string operation = "rados_ioctx_snap_create";
        using var lease = Use(operation, snapshotName);
        RadosCall.Check(Interop.Rados.rados_ioctx_snap_create(lease.Handle, snapshotName), operation, snapshotName);
    }

    /// <inheritdoc />
    public void RemoveSnapshot(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        const string operation = "rados_ioctx_snap_remove";
        using var lease = Use(operation, snapshotName);
        RadosCall.Check(Interop.Rados.rados_ioctx_snap_remove(lease.Handle, snapshotName), operation, snapshotName);
    }

    /// <inheritdoc />
    public ulong LookupSnapshot(string snapshotName)
    {
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        const string operation = "rados_ioctx_snap_lookup";
        using var lease = Use(operation, snapshotName);
        RadosCall.Check(Interop.Rados.rados_ioctx_snap_lookup(lease.Handle, snapshotName, out ulong snapshotId), operation, snapshotName);
        return snapshotId;
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<ulong> ListSnapshots()
    {
        const string operation = "rados_ioctx_snap_list";
        using var lease = Use(operation, PoolName);
        // -ERANGE when the array is short; the count is not reported, so grow and retry.
        int size = 16;
        while (true)
        {
            var ids = new ulong[size];
            int count;
            fixed (ulong* buffer = ids)
            {
                count = Interop.Rados.rados_ioctx_snap_list(lease.Handle, buffer, ids.Length);
            }

            if (count == -(int)Errno.ERANGE && size < 1 << 20)
            {
                size *= 2;
                continue;
            }

            RadosCall.Check(count, operation, PoolName);
            return ids.AsSpan(0, count).ToArray();
        }
    }

    /// <inheritdoc />
    public string GetSnapshotName(ulong snapshotId)
    {
        const string operation = "rados_ioctx_snap_get_name";
        string target = Id(snapshotId);
        using var lease = Use(operation, target);
        var ioContext = lease.Handle;
        var (buffer, _) = RadosCall.WithGrowingBuffer(buffer => SnapshotNameInto(ioContext, snapshotId, buffer), operation, target, initialSize: 64);
        return NativeText.FromNulTerminated(buffer);
    }

    /// <inheritdoc />
    public DateTimeOffset GetSnapshotTimestamp(ulong snapshotId)
    {
        const string operation = "rados_ioctx_snap_get_stamp";
        string target = Id(snapshotId);
        using var lease = Use(operation, target);
        RadosCall.Check(Interop.Rados.rados_ioctx_snap_get_stamp(lease.Handle, snapshotId, out long stamp), operation, target);
        return DateTimeOffset.FromUnixTimeSeconds(stamp);
    }

    /// <inheritdoc />
    public void RollbackSnapshot(string objectName, string snapshotName)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        const string operation = "rados_ioctx_snap_rollback";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_ioctx_snap_rollback(lease.Handle, objectName, snapshotName), operation, objectName);
    }

    /// <inheritdoc />
    public void SetReadSnapshot(ulong snapshotId)
    {
        using (var lease = Use("rados_ioctx_snap_set_read", Id(snapshotId)))
        {
            Interop.Rados.rados_ioctx_snap_set_read(lease.Handle, snapshotId);
        }

        _readSnapshot = snapshotId;
    }

    /// <inheritdoc />
    public ulong CreateSelfManagedSnapshot()
    {
        const string operation = "rados_ioctx_selfmanaged_snap_create";
        using var lease = Use(operation, PoolName);
        RadosCall.Check(Interop.Rados.rados_ioctx_selfmanaged_snap_create(lease.Handle, out ulong snapshotId), operation, PoolName);
        return snapshotId;
    }

    /// <inheritdoc />
    public void RemoveSelfManagedSnapshot(ulong snapshotId)
    {
        const string operation = "rados_ioctx_selfmanaged_snap_remove";
        string target = Id(snapshotId);
        using var lease = Use(operation, target);
        RadosCall.Check(Interop.Rados.rados_ioctx_selfmanaged_snap_remove(lease.Handle, snapshotId), operation, target);
    }

    /// <inheritdoc />
    public void RollbackSelfManagedSnapshot(string objectName, ulong snapshotId)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_ioctx_selfmanaged_snap_rollback";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_ioctx_selfmanaged_snap_rollback(lease.Handle, objectName, snapshotId), operation, objectName);
    }

    /// <inheritdoc />
    public unsafe void SetSelfManagedSnapshotWriteContext(ulong sequence, IReadOnlyList<ulong> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        const string operation = "rados_ioctx_selfmanaged_snap_set_write_ctx";
        ulong[] ids = [.. snapshots];
        using var lease = Use(operation, PoolName);
        fixed (ulong* buffer = ids)
        {
            RadosCall.Check(Interop.Rados.rados_ioctx_selfmanaged_snap_set_write_ctx(lease.Handle, sequence, buffer, ids.Length), operation, PoolName);
        }
    }

    private static string Id(ulong snapshotId) => snapshotId.ToString(CultureInfo.InvariantCulture);

    private static unsafe int SnapshotNameInto(RadosIoContextHandle ioContext, ulong snapshotId, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            return Interop.Rados.rados_ioctx_snap_get_name(ioContext, snapshotId, bytes, buffer.Length);
        }
    }
}
