namespace StorageKit.Emulator.Rados;

/// <summary>
/// What a librados call does on the cluster, for fault filters (<see cref="RadosFaultFilter.Kinds"/>). Calls that
/// never leave the client — setting the namespace, locator key, read snapshot or write context, the last
/// version, and snapshot lookups answered from the client's cached OSD map — have no kind: faults and dropped
/// connections never reach them, as a lost network does not reach them in librados.
/// </summary>
[Flags]
public enum RadosOperationKind
{
    /// <summary>A call that never leaves the client.</summary>
    None = 0,

    /// <summary>Reads an object: data, stat, xattrs, omap (<c>rados_read</c>, <c>rados_stat</c>, <c>rados_getxattr</c>, <c>rados_read_op_*</c>, ...).</summary>
    Read = 1,

    /// <summary>Changes an object: writes, removes, xattrs, omap, rollbacks (<c>rados_write*</c>, <c>rados_remove</c>, <c>rados_write_op_*</c>, ...).</summary>
    Write = 2,

    /// <summary>Pools, snapshots, statistics and io contexts: what the monitors and the OSD map answer (<c>rados_pool_*</c>, <c>rados_ioctx_snap_create</c>, ...).</summary>
    Metadata = 4,

    /// <summary>Fetches a page of an object listing (<c>rados_nobjects_list_next2</c>).</summary>
    Listing = 8,

    /// <summary>Every call that reaches the cluster.</summary>
    Any = Read | Write | Metadata | Listing,
}
