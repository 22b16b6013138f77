namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>The snapshot the handle reads (<c>rbd_snap_set</c>), null at the head.</summary>
    string? CurrentSnapshotName { get; }

    /// <summary>Takes a snapshot of the image as it is now (<c>rbd_snap_create</c>).</summary>
    void CreateSnapshot(string snapshotName);

    /// <summary>The image's user snapshots, oldest first (<c>rbd_snap_list</c> with timestamps and protection).</summary>
    IReadOnlyList<RbdSnapshotInfo> ListSnapshots();

    /// <summary>Removes a snapshot; EBUSY while protected (<c>rbd_snap_remove</c>).</summary>
    void RemoveSnapshot(string snapshotName);

    /// <summary>Removes a snapshot by id (<c>rbd_snap_remove_by_id</c>).</summary>
    void RemoveSnapshot(ulong snapshotId);

    /// <summary>Renames a snapshot (<c>rbd_snap_rename</c>).</summary>
    void RenameSnapshot(string sourceName, string destinationName);

    /// <summary>Protects a snapshot from removal (<c>rbd_snap_protect</c>).</summary>
    void ProtectSnapshot(string snapshotName);

    /// <summary>Lifts the protection; EBUSY while clones depend on it (<c>rbd_snap_unprotect</c>).</summary>
    void UnprotectSnapshot(string snapshotName);

    /// <summary>Whether a snapshot is protected (<c>rbd_snap_is_protected</c>).</summary>
    bool IsSnapshotProtected(string snapshotName);

    /// <summary>Whether a snapshot of that name exists (<c>rbd_snap_exists</c>).</summary>
    bool SnapshotExists(string snapshotName);

    /// <summary>The id of a snapshot (<c>rbd_snap_get_id</c>).</summary>
    ulong GetSnapshotId(string snapshotName);

    /// <summary>The name of a snapshot (<c>rbd_snap_get_name</c>).</summary>
    string GetSnapshotName(ulong snapshotId);

    /// <summary>When a snapshot was taken (<c>rbd_snap_get_timestamp</c>).</summary>
    DateTimeOffset GetSnapshotTimestamp(ulong snapshotId);

    /// <summary>The namespace of a snapshot (<c>rbd_snap_get_namespace_type</c>).</summary>
    RbdSnapshotNamespaceType GetSnapshotNamespaceType(ulong snapshotId);

    /// <summary>Rolls the head back to a snapshot, reporting progress per object (<c>rbd_snap_rollback_with_progress</c>).</summary>
    void RollbackSnapshot(string snapshotName, IProgress<RbdProgress>? progress = null);

    /// <summary>Reads from a snapshot from now on (null: back to the head) (<c>rbd_snap_set</c>).</summary>
    void SetSnapshot(string? snapshotName);

    /// <summary>Reads from a snapshot by id from now on (null: back to the head) (<c>rbd_snap_set_by_id</c>).</summary>
    void SetSnapshot(ulong? snapshotId);

    /// <summary>How many snapshots the image may have (<c>rbd_snap_get_limit</c>; <see cref="ulong.MaxValue"/> when unlimited).</summary>
    ulong GetSnapshotLimit();

    /// <summary>Limits how many snapshots the image may have (<c>rbd_snap_set_limit</c>).</summary>
    void SetSnapshotLimit(ulong limit);
}
