namespace StorageKit.Rbd;

/// <summary>Whether an image is fully in a group (<c>rbd_group_image_state_t</c>).</summary>
public enum RbdGroupImageState
{
    /// <summary>Linked from the group and the image (<c>RBD_GROUP_IMAGE_STATE_ATTACHED</c>).</summary>
    Attached = 0,

    /// <summary>Linked from the group only, an add or remove cut short (<c>RBD_GROUP_IMAGE_STATE_INCOMPLETE</c>).</summary>
    Incomplete = 1,
}

/// <summary>Whether a group snapshot was taken on every image (<c>rbd_group_snap_state_t</c>).</summary>
public enum RbdGroupSnapshotState
{
    /// <summary>Being taken, or cut short (<c>RBD_GROUP_SNAP_STATE_INCOMPLETE</c>).</summary>
    Incomplete = 0,

    /// <summary>Taken on every image (<c>RBD_GROUP_SNAP_STATE_COMPLETE</c>).</summary>
    Complete = 1,
}

/// <summary>One image of a group (<c>rbd_group_image_info_t</c>).</summary>
/// <param name="Name">The image name.</param>
/// <param name="PoolId">The pool the image lives in.</param>
/// <param name="State">Whether the image is fully in the group.</param>
public sealed record RbdGroupImageInfo(string Name, long PoolId, RbdGroupImageState State);

/// <summary>One snapshot of a group (<c>rbd_group_snap_info_t</c>).</summary>
/// <param name="Name">The group snapshot name.</param>
/// <param name="State">Whether it was taken on every image.</param>
public sealed record RbdGroupSnapshotInfo(string Name, RbdGroupSnapshotState State);

/// <summary>The group an image belongs to (<c>rbd_group_info_t</c>).</summary>
/// <param name="Name">The group name.</param>
/// <param name="PoolId">The pool the group lives in.</param>
public sealed record RbdGroupInfo(string Name, long PoolId);

/// <summary>The group snapshot an image snapshot belongs to (<c>rbd_snap_group_namespace_t</c>).</summary>
/// <param name="GroupPoolId">The pool the group lives in.</param>
/// <param name="GroupName">The group name.</param>
/// <param name="GroupSnapshotName">The group snapshot name.</param>
public sealed record RbdSnapshotGroupNamespace(long GroupPoolId, string GroupName, string GroupSnapshotName);
