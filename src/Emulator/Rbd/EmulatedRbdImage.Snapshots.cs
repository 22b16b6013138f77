using System.Buffers.Binary;
using System.Globalization;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Snapshots as librbd 16 makes them (docs/native-probe-results.md, "RBD snapshots"): each is a self-managed
/// snapshot id of the pool, recorded in the header omap; data writes carry the image's snapshot context so the
/// RADOS objects copy on write, and reads at a snapshot read the data objects at its id.
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    /// <summary>The snapshot this handle reads (<c>rbd_snap_set</c>), null at the head; replaced as a whole.</summary>
    private volatile SnapshotSelection? _snapshot;

    /// <inheritdoc />
    public string? CurrentSnapshotName
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _snapshot?.Name;
        }
    }

    /// <summary>The id of the snapshot this handle reads, null at the head.</summary>
    internal ulong? CurrentSnapshotId => _snapshot?.Id;

    /// <inheritdoc />
    public void CreateSnapshot(string snapshotName)
    {
        const string op = "rbd_snap_create";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(op);
        CheckMirrorPrimary(op, write: false);
        CreateSnapshotIn(RbdSnapshotNamespaceType.User, snapshotName, op);
        NotifyUpdate();
    }

    /// <summary>Takes a snapshot in <paramref name="namespaceType"/> (user, or group for a group snapshot); names are unique per namespace.</summary>
    private ulong CreateSnapshotIn(RbdSnapshotNamespaceType namespaceType, string snapshotName, string op)
    {
        lock (EmulatedRbdSnapshots.Gate)
        {
            var header = EmulatedRbdHeader.Read(io, id, op, Name);
            var snapshots = EmulatedRbdSnapshots.List(io, id, op, Name);
            if (snapshots.Exists(s => s.Name == snapshotName && s.NamespaceType == namespaceType))
            {
                throw StorageErrors.Create(Errno.EEXIST, op, snapshotName);
            }

            // Creating, like setting the limit and rolling back, takes the exclusive lock (measured); protect,
            // unprotect, rename and remove do not.
            AcquireExclusiveLock(header, op);

            // cls_rbd snapshot_add counts the existing snapshots against the limit; librbd releases the id it allocated.
            var data = Data;
            ulong snapshotId = data.CreateSelfManagedSnapshot();
            ulong limit = EmulatedRbdSnapshots.Limit(io, id);
            if ((ulong)snapshots.Count >= limit && snapshots.Count > 0)
            {
                data.RemoveSelfManagedSnapshot(snapshotId);
                throw StorageErrors.Create(Errno.EDQUOT, op, snapshotName);
            }

            var snapshot = new RbdSnapshotInfo(snapshotId, snapshotName, header.Size, data.Time.GetUtcNow(), namespaceType, false);
            EmulatedRbdSnapshots.Put(io, id, snapshot);
            RecordSnapshotOverlap(snapshotId, header.Size);
            io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { [EmulatedRbdSnapshots.SequenceKey] = RbdLayout.EncodeUInt64(snapshotId) });
            if (HasObjectMap())
            {
                lock (_headerGate)
                {
                    EmulatedRbdObjectMap.AddSnapshot(io, id, snapshotId);
                }
            }

            return snapshotId;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RbdSnapshotInfo> ListSnapshots()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return EmulatedRbdSnapshots.List(io, id, "rbd_snap_list", Name);
    }

    /// <inheritdoc />
    public void RemoveSnapshot(string snapshotName)
    {
        const string op = "rbd_snap_remove";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(op);
        lock (EmulatedRbdSnapshots.Gate)
        {
            var snapshot = UserSnapshot(snapshotName, op);
            RemoveSnapshotLocked(snapshot, op);
        }

        NotifyUpdate();
    }

    /// <inheritdoc />
    public void RemoveSnapshot(ulong snapshotId)
    {
        const string op = "rbd_snap_remove_by_id";
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(op);
        lock (EmulatedRbdSnapshots.Gate)
        {
            var snapshot = Snapshot(snapshotId, op);
            RemoveSnapshotLocked(snapshot, op);
        }

        NotifyUpdate();
    }

    /// <inheritdoc />
    public void RenameSnapshot(string sourceName, string destinationName)
    {
        const string op = "rbd_snap_rename";
        RadosArguments.Name(sourceName, nameof(sourceName));
        RadosArguments.Name(destinationName, nameof(destinationName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(op);
        lock (EmulatedRbdSnapshots.Gate)
        {
            var snapshot = UserSnapshot(sourceName, op);
            if (EmulatedRbdSnapshots.Find(io, id, destinationName, op, Name) is { NamespaceType: RbdSnapshotNamespaceType.User })
            {
                throw StorageErrors.Create(Errno.EEXIST, op, destinationName);
            }

            EmulatedRbdSnapshots.Put(io, id, snapshot with { Name = destinationName });
        }
    }

    /// <inheritdoc />
    public void ProtectSnapshot(string snapshotName)
    {
        const string op = "rbd_snap_protect";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(op);
        lock (EmulatedRbdSnapshots.Gate)
        {
            var snapshot = UserSnapshot(snapshotName, op);
            if ((HeaderFeatures() & (ulong)RbdFeatures.Layering) == 0)
            {
                throw StorageErrors.Create(Errno.ENOSYS, op, snapshotName);
            }

            if (snapshot.IsProtected)
            {
                throw StorageErrors.Create(Errno.EBUSY, op, snapshotName);
            }

            EmulatedRbdSnapshots.Put(io, id, snapshot with { IsProtected = true });
        }
    }

    /// <inheritdoc />
    public void UnprotectSnapshot(string snapshotName)
    {
        const string op = "rbd_snap_unprotect";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(op);
        lock (EmulatedRbdSnapshots.Gate)
        {
            var snapshot = UserSnapshot(snapshotName, op);
            if (!snapshot.IsProtected)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, snapshotName);
            }

            if (HasV1Children(snapshot.Id))
            {
                throw StorageErrors.Create(Errno.EBUSY, op, snapshotName);
            }

            EmulatedRbdSnapshots.Put(io, id, snapshot with { IsProtected = false });
        }
    }

    /// <inheritdoc />
    public bool IsSnapshotProtected(string snapshotName)
    {
        const string op = "rbd_snap_is_protected";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        return UserSnapshot(snapshotName, op).IsProtected;
    }

    /// <inheritdoc />
    public bool SnapshotExists(string snapshotName)
    {
        const string op = "rbd_snap_exists";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        return EmulatedRbdSnapshots.Find(io, id, snapshotName, op, Name) is { NamespaceType: RbdSnapshotNamespaceType.User };
    }

    /// <inheritdoc />
    public ulong GetSnapshotId(string snapshotName)
    {
        const string op = "rbd_snap_get_id";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        return UserSnapshot(snapshotName, op).Id;
    }

    /// <inheritdoc />
    public string GetSnapshotName(ulong snapshotId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Snapshot(snapshotId, "rbd_snap_get_name").Name;
    }

    /// <inheritdoc />
    public DateTimeOffset GetSnapshotTimestamp(ulong snapshotId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Snapshot(snapshotId, "rbd_snap_get_timestamp").Timestamp;
    }

    /// <inheritdoc />
    public RbdSnapshotNamespaceType GetSnapshotNamespaceType(ulong snapshotId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Snapshot(snapshotId, "rbd_snap_get_namespace_type").NamespaceType;
    }

    /// <inheritdoc />
    public void RollbackSnapshot(string snapshotName, IProgress<RbdProgress>? progress)
    {
        string op = progress is null ? "rbd_snap_rollback" : "rbd_snap_rollback_with_progress";
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Unlike the other snapshot operations, rollback writes the head: EROFS at a snapshot too (ENOENT at one
        // removed meanwhile, measured).
        CheckWritable(op);
        CheckSnapshotExists(op);
        if (_snapshot is not null)
        {
            throw StorageErrors.Create(Errno.EROFS, op, Name);
        }

        RollbackTo(UserSnapshot(snapshotName, op), progress, op);
    }

    /// <summary>Rolls the head back to <paramref name="snapshot"/> (any namespace), object by object.</summary>
    private void RollbackTo(RbdSnapshotInfo snapshot, IProgress<RbdProgress>? progress, string op)
    {
        AcquireExclusiveLock(EmulatedRbdHeader.Read(io, id, op, Name), op);

        // librbd's SnapshotRollbackRequest: resize the head to the snapshot's size, then roll back each object of it.
        if (EmulatedRbdHeader.Read(io, id, op, Name).Size != snapshot.Size)
        {
            ResizeCore(snapshot.Size, allowShrink: true, null, op);
        }

        var header = Header(op);
        long objects = header.ObjectCount;
        var data = Data;
        var relay = new EmulatedRbdProgress(progress);
        for (long objectNumber = 0; objectNumber < objects; objectNumber++)
        {
            data.RollbackSelfManagedSnapshot(RbdLayout.DataObject(id, objectNumber), snapshot.Id);
            relay.Report(objectNumber, objects);
        }

        if (HasObjectMap())
        {
            lock (_headerGate)
            {
                EmulatedRbdObjectMap.Rollback(io, id, snapshot.Id);
            }
        }

        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public void SetSnapshot(string? snapshotName)
    {
        const string op = "rbd_snap_set";
        if (snapshotName is not null)
        {
            RadosArguments.Name(snapshotName, nameof(snapshotName));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        Select(snapshotName is null ? null : new SnapshotSelection(UserSnapshot(snapshotName, op).Id, snapshotName));
    }

    /// <inheritdoc />
    public void SetSnapshot(ulong? snapshotId)
    {
        const string op = "rbd_snap_set_by_id";
        ObjectDisposedException.ThrowIf(_disposed, this);
        Select(snapshotId is ulong wanted && Snapshot(wanted, op) is var snapshot ? new SnapshotSelection(snapshot.Id, snapshot.Name) : null);
    }

    /// <inheritdoc />
    public ulong GetSnapshotLimit()
    {
        const string op = "rbd_snap_get_limit";
        ObjectDisposedException.ThrowIf(_disposed, this);
        EmulatedRbdHeader.Read(io, id, op, Name);
        return EmulatedRbdSnapshots.Limit(io, id);
    }

    /// <inheritdoc />
    public void SetSnapshotLimit(ulong limit)
    {
        const string op = "rbd_snap_set_limit";
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(op);
        lock (EmulatedRbdSnapshots.Gate)
        {
            AcquireExclusiveLock(EmulatedRbdHeader.Read(io, id, op, Name), op);
            var snapshots = EmulatedRbdSnapshots.List(io, id, op, Name);
            if (limit == ulong.MaxValue)
            {
                io.RemoveOmapKeys(RbdLayout.Header(id), [EmulatedRbdSnapshots.LimitKey]);
                return;
            }

            // cls_rbd snapshot_set_limit refuses a limit below the snapshots the image has.
            if (limit < (ulong)snapshots.Count)
            {
                throw StorageErrors.Create(Errno.ERANGE, op, Name);
            }

            io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { [EmulatedRbdSnapshots.LimitKey] = RbdLayout.EncodeUInt64(limit) });
        }
    }

    /// <summary>
    /// Snapshot operations are EROFS on a handle opened read-only, but allowed on one that reads a snapshot
    /// (measured: librbd checks only its <c>read_only</c> flag for them).
    /// </summary>
    private void CheckWritable(string operation)
    {
        if (OpenedReadOnly)
        {
            throw StorageErrors.Create(Errno.EROFS, operation, Name);
        }
    }

    /// <summary>
    /// The header adjusted for the snapshot the handle reads: its size, and its id for the data reads. A snapshot
    /// removed meanwhile has size 0 (measured: <c>rbd_get_size</c> answers 0 there, reads ENOENT).
    /// </summary>
    private EmulatedRbdHeader AtCurrentSnapshot(EmulatedRbdHeader header, out ulong readSnapshot)
    {
        if (_snapshot is not { } current)
        {
            readSnapshot = RadosSnapshot.Head;
            return header;
        }

        readSnapshot = current.Id;
        return header with { Size = EmulatedRbdSnapshots.Find(io, id, current.Id)?.Size ?? 0 };
    }

    /// <summary>I/O at a snapshot removed since it was set is ENOENT, before the range is clipped, even for length 0 (measured for read, write, discard, write_zeroes).</summary>
    private void CheckSnapshotExists(string operation)
    {
        if (_snapshot is { } current && EmulatedRbdSnapshots.Find(io, id, current.Id) is null)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, current.Name);
        }
    }

    /// <summary>What cls_rbd <c>snapshot_remove</c> checks, then the RADOS snapshot and the record go.</summary>
    private void RemoveSnapshotLocked(RbdSnapshotInfo snapshot, string operation)
    {
        if (snapshot.IsProtected)
        {
            throw StorageErrors.Create(Errno.EBUSY, operation, snapshot.Name);
        }

        if (MoveToTrashIfCloned(snapshot))
        {
            return;
        }

        ForgetSnapshotOverlap(snapshot.Id);

        ulong? next = EmulatedRbdSnapshots.List(io, id, operation, Name).Where(s => s.Id > snapshot.Id).Select(s => (ulong?)s.Id).FirstOrDefault();
        Data.RemoveSelfManagedSnapshot(snapshot.Id);
        io.RemoveOmapKeys(RbdLayout.Header(id), [EmulatedRbdSnapshots.Key(snapshot.Id)]);
        if (HasObjectMap())
        {
            lock (_headerGate)
            {
                EmulatedRbdObjectMap.RemoveSnapshot(io, id, snapshot.Id, next);
            }
        }
    }

    /// <summary>The user snapshot called <paramref name="snapshotName"/>; ENOENT when there is none (or the image is gone).</summary>
    private RbdSnapshotInfo UserSnapshot(string snapshotName, string operation)
        => EmulatedRbdSnapshots.Find(io, id, snapshotName, operation, Name) is { NamespaceType: RbdSnapshotNamespaceType.User } snapshot
            ? snapshot
            : throw StorageErrors.Create(Errno.ENOENT, operation, snapshotName);

    /// <summary>The snapshot with id <paramref name="snapshotId"/>; ENOENT when there is none.</summary>
    private RbdSnapshotInfo Snapshot(ulong snapshotId, string operation)
    {
        EmulatedRbdHeader.Read(io, id, operation, Name);
        return EmulatedRbdSnapshots.Find(io, id, snapshotId) ?? throw StorageErrors.Create(Errno.ENOENT, operation, snapshotId.ToString(CultureInfo.InvariantCulture));
    }

    private void Select(SnapshotSelection? snapshot)
    {
        _snapshot = snapshot;
        ReadingSnapshot = snapshot is not null;
    }

    /// <summary>
    /// Enabling object-map gives every snapshot a map of its own too (every object nonexistent), disabling removes
    /// them all (measured).
    /// </summary>
    private void UpdateSnapshotObjectMaps(EmulatedRbdHeader header, bool enabled)
    {
        foreach (var snapshot in EmulatedRbdSnapshots.List(io, id, "rbd_update_features", Name))
        {
            if (enabled)
            {
                EmulatedRbdObjectMap.CreateForSnapshot(io, id, snapshot.Id, (header with { Size = snapshot.Size }).ObjectCount);
            }
            else
            {
                EmulatedRbdObjectMap.RemoveIfExists(io, EmulatedRbdObjectMap.SnapshotName(id, snapshot.Id));
            }
        }
    }

    private bool HasObjectMap() => (HeaderFeatures() & (ulong)RbdFeatures.ObjectMap) != 0;

    private ulong HeaderFeatures()
        => RbdLayout.OmapValue(io, RbdLayout.Header(id), "features") is { Length: >= 8 } value ? BinaryPrimitives.ReadUInt64LittleEndian(value.Span) : 0;
}

/// <summary>The snapshot a handle reads: its id, and the name it was chosen by.</summary>
internal sealed record SnapshotSelection(ulong Id, string Name);
