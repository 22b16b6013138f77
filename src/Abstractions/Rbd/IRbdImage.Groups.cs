namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>The group the image belongs to, or null when it is in none (<c>rbd_get_group</c>).</summary>
    RbdGroupInfo? GetGroup();

    /// <summary>The group snapshot a snapshot in the group namespace belongs to (<c>rbd_snap_get_group_namespace</c>).</summary>
    RbdSnapshotGroupNamespace GetSnapshotGroupNamespace(ulong snapshotId);
}
