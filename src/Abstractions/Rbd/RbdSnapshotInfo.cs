namespace StorageKit.Rbd;

/// <summary>Which namespace a snapshot lives in (<c>rbd_snap_namespace_type_t</c>).</summary>
public enum RbdSnapshotNamespaceType
{
    /// <summary>Made by a user (<c>RBD_SNAP_NAMESPACE_TYPE_USER</c>).</summary>
    User = 0,

    /// <summary>Part of a group snapshot (<c>RBD_SNAP_NAMESPACE_TYPE_GROUP</c>).</summary>
    Group = 1,

    /// <summary>Removed but still needed by clones (<c>RBD_SNAP_NAMESPACE_TYPE_TRASH</c>).</summary>
    Trash = 2,

    /// <summary>Made by mirroring (<c>RBD_SNAP_NAMESPACE_TYPE_MIRROR</c>).</summary>
    Mirror = 3,
}

/// <summary>One snapshot of an image (<c>rbd_snap_info_t</c> plus its timestamp, namespace and protection).</summary>
/// <param name="Id">The snapshot id (a self-managed RADOS snapshot id of the pool).</param>
/// <param name="Name">The snapshot name.</param>
/// <param name="Size">The image size when the snapshot was taken.</param>
/// <param name="Timestamp">When it was taken (whole seconds on Ceph).</param>
/// <param name="NamespaceType">The snapshot namespace.</param>
/// <param name="IsProtected">Whether it is protected from removal.</param>
public sealed record RbdSnapshotInfo(ulong Id, string Name, long Size, DateTimeOffset Timestamp, RbdSnapshotNamespaceType NamespaceType, bool IsProtected);

/// <summary>The parent of a clone (<c>rbd_get_parent</c>: <c>rbd_linked_image_spec_t</c> and <c>rbd_snap_spec_t</c>).</summary>
/// <param name="PoolId">Pool id of the parent image.</param>
/// <param name="PoolName">Pool name of the parent image.</param>
/// <param name="PoolNamespace">RADOS namespace of the parent image ("" for the default).</param>
/// <param name="ImageId">Id of the parent image.</param>
/// <param name="ImageName">Name of the parent image.</param>
/// <param name="IsInTrash">Whether the parent image sits in the trash.</param>
/// <param name="SnapshotId">Id of the parent snapshot.</param>
/// <param name="SnapshotName">Name of the parent snapshot.</param>
/// <param name="SnapshotNamespaceType">Namespace of the parent snapshot.</param>
public sealed record RbdParentInfo(
    long PoolId,
    string PoolName,
    string PoolNamespace,
    string ImageId,
    string ImageName,
    bool IsInTrash,
    ulong SnapshotId,
    string SnapshotName,
    RbdSnapshotNamespaceType SnapshotNamespaceType);

/// <summary>A clone of an image's snapshot (<c>rbd_list_children3</c>: <c>rbd_linked_image_spec_t</c>).</summary>
/// <param name="PoolId">Pool id of the child.</param>
/// <param name="PoolName">Pool name of the child.</param>
/// <param name="PoolNamespace">RADOS namespace of the child ("" for the default).</param>
/// <param name="ImageId">Id of the child.</param>
/// <param name="ImageName">Name of the child.</param>
/// <param name="IsInTrash">Whether the child sits in the trash.</param>
public sealed record RbdChildInfo(long PoolId, string PoolName, string PoolNamespace, string ImageId, string ImageName, bool IsInTrash);

/// <summary>One extent <c>rbd_diff_iterate2</c> reports: it changed, and either holds data or reads as zeros now.</summary>
/// <param name="Offset">Start of the extent in the image.</param>
/// <param name="Length">Length of the extent.</param>
/// <param name="Exists">True when the extent holds data; false when it was discarded or zeroed (reads as zeros).</param>
public readonly record struct RbdDiffExtent(long Offset, long Length, bool Exists);
