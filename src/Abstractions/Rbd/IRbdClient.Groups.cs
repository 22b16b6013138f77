using StorageKit.Rados;

namespace StorageKit.Rbd;

public partial interface IRbdClient
{
    /// <summary>Creates an empty group in this pool and namespace (<c>rbd_group_create</c>); EEXIST when the name is taken, EINVAL when empty.</summary>
    void CreateGroup(string groupName);

    /// <summary>
    /// Removes a group (<c>rbd_group_remove</c>): its group snapshots are removed and its images leave the group
    /// first. A missing group is not an error (librbd returns 0).
    /// </summary>
    void RemoveGroup(string groupName);

    /// <summary>The names of the groups in this pool and namespace, sorted (<c>rbd_group_list</c>).</summary>
    IReadOnlyList<string> ListGroups();

    /// <summary>Renames a group (<c>rbd_group_rename</c>); EEXIST onto a taken name, the group's own included.</summary>
    void RenameGroup(string sourceName, string destinationName);

    /// <summary>
    /// Adds image <paramref name="imageName"/> of <paramref name="imageIoContext"/> (null: this io context) to
    /// the group (<c>rbd_group_image_add</c>); adding it again is no error, EEXIST while it is in another group.
    /// </summary>
    void AddGroupImage(string groupName, string imageName, IRadosIoContext? imageIoContext = null);

    /// <summary>
    /// Takes an image out of the group (<c>rbd_group_image_remove</c>); no error when it is in no group, EBADF when it
    /// is in another one (the group then lists it as incomplete).
    /// </summary>
    void RemoveGroupImage(string groupName, string imageName, IRadosIoContext? imageIoContext = null);

    /// <summary>Takes an image out of the group by its id (<c>rbd_group_image_remove_by_id</c>).</summary>
    void RemoveGroupImageById(string groupName, string imageId, IRadosIoContext? imageIoContext = null);

    /// <summary>The images of a group, in the order of their ids (<c>rbd_group_image_list</c>); empty for a missing group.</summary>
    IReadOnlyList<RbdGroupImageInfo> ListGroupImages(string groupName);

    /// <summary>
    /// Takes a snapshot of every image of the group at once (<c>rbd_group_snap_create</c>): each image gets a snapshot
    /// in the group namespace (<see cref="RbdSnapshotNamespaceType.Group"/>).
    /// </summary>
    void CreateGroupSnapshot(string groupName, string snapshotName);

    /// <summary>Removes a group snapshot and the member images' snapshots of it (<c>rbd_group_snap_remove</c>).</summary>
    void RemoveGroupSnapshot(string groupName, string snapshotName);

    /// <summary>Renames a group snapshot (<c>rbd_group_snap_rename</c>).</summary>
    void RenameGroupSnapshot(string groupName, string sourceName, string destinationName);

    /// <summary>The snapshots of a group, in the order of their (random) ids (<c>rbd_group_snap_list</c>); empty for a missing group.</summary>
    IReadOnlyList<RbdGroupSnapshotInfo> ListGroupSnapshots(string groupName);

    /// <summary>
    /// Rolls every image of the group back to a group snapshot, reporting progress (<c>rbd_group_snap_rollback</c> /
    /// <c>rbd_group_snap_rollback_with_progress</c>).
    /// </summary>
    void RollbackGroupSnapshot(string groupName, string snapshotName, IProgress<RbdProgress>? progress = null);
}
