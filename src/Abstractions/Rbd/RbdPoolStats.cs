namespace StorageKit.Rbd;

/// <summary>What <c>rbd_pool_stats_get</c> reports for a pool and namespace (<c>RBD_POOL_STAT_OPTION_*</c>).</summary>
/// <param name="Images">Images outside the trash.</param>
/// <param name="ImageProvisionedBytes">Bytes the images use, as far as librbd can tell.</param>
/// <param name="ImageMaxProvisionedBytes">The sizes of the images and their snapshots added up.</param>
/// <param name="ImageSnapshots">Snapshots of the images.</param>
/// <param name="TrashImages">Images in the trash.</param>
/// <param name="TrashProvisionedBytes">Bytes the trashed images use.</param>
/// <param name="TrashMaxProvisionedBytes">The sizes of the trashed images and their snapshots added up.</param>
/// <param name="TrashSnapshots">Snapshots of the trashed images.</param>
public sealed record RbdPoolStats(
    long Images,
    long ImageProvisionedBytes,
    long ImageMaxProvisionedBytes,
    long ImageSnapshots,
    long TrashImages,
    long TrashProvisionedBytes,
    long TrashMaxProvisionedBytes,
    long TrashSnapshots);
