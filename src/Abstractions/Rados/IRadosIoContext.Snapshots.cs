namespace StorageKit.Rados;

/// <summary>
/// Snapshots. A pool uses either <b>pool snapshots</b> (named, made by the monitors, applied to every write
/// in the pool) or <b>self-managed snapshots</b> (ids allocated by the monitors, applied only to writes that
/// carry a write context naming them, as RBD does), never both: the first snapshot of one kind makes the
/// other kind fail with EINVAL for the life of the pool. Snapshot ids come from the pool's snapshot
/// sequence, which every create and every remove advances. The OSDs copy an object on the first write after
/// a snapshot (copy-on-write of data, xattrs and omap); reads at a snapshot see that copy.
/// </summary>
public partial interface IRadosIoContext
{
    /// <summary>
    /// The snapshot reads of this io context see (<see cref="RadosSnapshot.Head"/> for the live objects), as
    /// last set by <see cref="SetReadSnapshot"/>.
    /// </summary>
    ulong ReadSnapshot { get; }

    /// <summary>Creates a pool snapshot (<c>rados_ioctx_snap_create</c>); EEXIST when the name is taken.</summary>
    void CreateSnapshot(string snapshotName);

    /// <summary>Removes a pool snapshot (<c>rados_ioctx_snap_remove</c>); ENOENT when there is none of that name.</summary>
    void RemoveSnapshot(string snapshotName);

    /// <summary>The id of the pool snapshot called <paramref name="snapshotName"/> (<c>rados_ioctx_snap_lookup</c>); ENOENT when missing.</summary>
    ulong LookupSnapshot(string snapshotName);

    /// <summary>The ids of the pool's pool snapshots, oldest first (<c>rados_ioctx_snap_list</c>).</summary>
    IReadOnlyList<ulong> ListSnapshots();

    /// <summary>The name of a pool snapshot (<c>rados_ioctx_snap_get_name</c>); ENOENT for an unknown id.</summary>
    string GetSnapshotName(ulong snapshotId);

    /// <summary>When a pool snapshot was taken, in whole seconds (<c>rados_ioctx_snap_get_stamp</c>); ENOENT for an unknown id.</summary>
    DateTimeOffset GetSnapshotTimestamp(ulong snapshotId);

    /// <summary>
    /// Makes the object what it was at a pool snapshot (<c>rados_ioctx_snap_rollback</c>): data, xattrs and omap.
    /// An object that did not exist at the snapshot is removed. It is a write (new mtime and version), allowed
    /// even while a read snapshot is set; <see cref="IRadosIoContext.LastVersion"/> does not record it. ENOENT for
    /// an unknown snapshot name, checked before the object name.
    /// </summary>
    void RollbackSnapshot(string objectName, string snapshotName);

    /// <summary>
    /// Makes later reads of this io context see <paramref name="snapshotId"/> (<c>rados_ioctx_snap_set_read</c>),
    /// or the live objects again with <see cref="RadosSnapshot.Head"/> (librados reads the head for 0 too). While
    /// a snapshot is set, writes fail with EROFS (rollbacks excepted). An id newer than everything an object saw
    /// reads its head; listings ignore the read snapshot. No I/O.
    /// </summary>
    void SetReadSnapshot(ulong snapshotId);

    /// <summary>Allocates a self-managed snapshot id (<c>rados_ioctx_selfmanaged_snap_create</c>); it takes effect through <see cref="SetSelfManagedSnapshotWriteContext"/>.</summary>
    ulong CreateSelfManagedSnapshot();

    /// <summary>Removes a self-managed snapshot (<c>rados_ioctx_selfmanaged_snap_remove</c>); its copies are trimmed in the background.</summary>
    void RemoveSelfManagedSnapshot(ulong snapshotId);

    /// <summary>
    /// Makes the object what it was at a self-managed snapshot (<c>rados_ioctx_selfmanaged_snap_rollback</c>), as a
    /// write under this io context's write context; an object that did not exist at the snapshot is removed.
    /// <see cref="IRadosIoContext.LastVersion"/> does not record it.
    /// </summary>
    void RollbackSelfManagedSnapshot(string objectName, ulong snapshotId);

    /// <summary>
    /// Sets the snapshot context later writes carry (<c>rados_ioctx_selfmanaged_snap_set_write_ctx</c>):
    /// <paramref name="sequence"/> is the newest snapshot sequence the writer knows, <paramref name="snapshots"/>
    /// the existing snapshot ids, newest first. EINVAL when they do not strictly descend, the newest is above
    /// <paramref name="sequence"/>, or <paramref name="sequence"/> is above <c>CEPH_MAXSNAP</c> ((uint64)-3). No I/O;
    /// in a pool with pool snapshots the OSDs ignore it.
    /// </summary>
    void SetSelfManagedSnapshotWriteContext(ulong sequence, IReadOnlyList<ulong> snapshots);
}
