using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedRadosIoContext
{
    private IoSnapshotContext _snapshots = IoSnapshotContext.Default;

    public ulong ReadSnapshot => _snapshots.ReadSnapshot;

    public void CreateSnapshot(string snapshotName)
    {
        const string op = "rados_ioctx_snap_create";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        Live(op);
        _pool.CreatePoolSnapshot(op, snapshotName);
    }

    public void RemoveSnapshot(string snapshotName)
    {
        const string op = "rados_ioctx_snap_remove";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        Live(op);
        _pool.RemovePoolSnapshot(op, snapshotName);
    }

    public ulong LookupSnapshot(string snapshotName)
    {
        const string op = "rados_ioctx_snap_lookup";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        Live(op);
        return _pool.LookupPoolSnapshot(op, snapshotName);
    }

    public IReadOnlyList<ulong> ListSnapshots()
    {
        const string op = "rados_ioctx_snap_list";
        Live(op);
        return _pool.ListPoolSnapshots(op);
    }

    public string GetSnapshotName(ulong snapshotId)
    {
        const string op = "rados_ioctx_snap_get_name";
        Live(op);
        return _pool.PoolSnapshot(op, snapshotId).Name;
    }

    public DateTimeOffset GetSnapshotTimestamp(ulong snapshotId)
    {
        const string op = "rados_ioctx_snap_get_stamp";
        Live(op);
        return _pool.PoolSnapshot(op, snapshotId).Stamp;
    }

    public void RollbackSnapshot(string objectName, string snapshotName)
    {
        const string op = "rados_ioctx_snap_rollback";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        Live(op, objectName);
        // librados resolves the name from its OSD map before it sends anything, so a missing snapshot wins over a bad object name.
        ulong snapshotId = _pool.LookupPoolSnapshot(op, snapshotName);
        RadosNameRules.CheckObject(op, objectName, _namespace, _locator);
        var key = new ObjectKey(_namespace, _locator, objectName) { Snapshots = _snapshots };
        // librados submits rollbacks past the io context, so its last version stays as it was.
        _pool.Rollback(op, key, snapshotId, out _);
    }

    public void SetReadSnapshot(ulong snapshotId)
    {
        Live("rados_ioctx_snap_set_read");
        _snapshots = _snapshots with { ReadSnapshot = snapshotId };
    }

    public ulong CreateSelfManagedSnapshot()
    {
        const string op = "rados_ioctx_selfmanaged_snap_create";
        Live(op);
        return _pool.CreateSelfManagedSnapshot(op);
    }

    public void RemoveSelfManagedSnapshot(ulong snapshotId)
    {
        const string op = "rados_ioctx_selfmanaged_snap_remove";
        Live(op);
        _pool.RemoveSelfManagedSnapshot(op, snapshotId);
    }

    public void RollbackSelfManagedSnapshot(string objectName, ulong snapshotId)
    {
        const string op = "rados_ioctx_selfmanaged_snap_rollback";
        RadosArguments.ObjectName(objectName);
        _pool.Rollback(op, Key(op, objectName), snapshotId, out _);
    }

    public void SetSelfManagedSnapshotWriteContext(ulong sequence, IReadOnlyList<ulong> snapshots)
    {
        const string op = "rados_ioctx_selfmanaged_snap_set_write_ctx";
        ArgumentNullException.ThrowIfNull(snapshots);
        Live(op);
        ulong[] ids = [.. snapshots];
        if (!IsValidSnapshotContext(sequence, ids))
        {
            throw StorageErrors.Create(Errno.EINVAL, op, _pool.Name);
        }

        _snapshots = _snapshots with { WriteSequence = sequence, WriteSnapshots = ids };
    }

    /// <summary>
    /// SnapContext::is_valid, which librados checks before it keeps a write context: the sequence is a real snapshot
    /// id (at most <c>CEPH_MAXSNAP</c>, (uint64)-3), the newest snapshot is not above it, and the ids strictly descend.
    /// </summary>
    private static bool IsValidSnapshotContext(ulong sequence, ulong[] snapshots)
    {
        const ulong maxSnapshot = unchecked((ulong)-3L);
        if (sequence > maxSnapshot || (snapshots.Length > 0 && snapshots[0] > sequence))
        {
            return false;
        }

        for (int i = 1; i < snapshots.Length; i++)
        {
            if (snapshots[i] >= snapshots[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>librados refuses every write of an io context that reads a snapshot (EROFS) before sending anything; rollbacks excepted.</summary>
    private void CheckWritable(string operation, string? objectName)
    {
        if (!_snapshots.ReadsHead && RadosOperations.RequiresHead(operation))
        {
            throw StorageErrors.Create(Errno.EROFS, operation, objectName ?? _pool.Name);
        }
    }
}
