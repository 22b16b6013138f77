using System.Collections.Frozen;

namespace StorageKit.Emulator.Rados;

/// <summary>Classifies emulated calls by their C function name (<see cref="StorageException.Operation"/>).</summary>
internal static class RadosOperations
{
    private static readonly FrozenDictionary<string, RadosOperationKind> Kinds = new Dictionary<string, RadosOperationKind>(StringComparer.Ordinal)
    {
        ["rados_read"] = RadosOperationKind.Read,
        ["rados_stat"] = RadosOperationKind.Read,
        ["rados_getxattr"] = RadosOperationKind.Read,
        ["rados_getxattrs"] = RadosOperationKind.Read,
        ["rados_write"] = RadosOperationKind.Write,
        ["rados_write_full"] = RadosOperationKind.Write,
        ["rados_append"] = RadosOperationKind.Write,
        ["rados_trunc"] = RadosOperationKind.Write,
        ["rados_remove"] = RadosOperationKind.Write,
        ["rados_setxattr"] = RadosOperationKind.Write,
        ["rados_rmxattr"] = RadosOperationKind.Write,
        ["rados_ioctx_snap_rollback"] = RadosOperationKind.Write,
        ["rados_ioctx_selfmanaged_snap_rollback"] = RadosOperationKind.Write,
        ["rados_nobjects_list_next2"] = RadosOperationKind.Listing,
        // Answered by librados itself, from the io context or its cached OSD map.
        ["rados_ioctx_set_namespace"] = RadosOperationKind.None,
        ["rados_ioctx_locator_set_key"] = RadosOperationKind.None,
        ["rados_get_last_version"] = RadosOperationKind.None,
        ["rados_ioctx_snap_set_read"] = RadosOperationKind.None,
        ["rados_ioctx_selfmanaged_snap_set_write_ctx"] = RadosOperationKind.None,
        ["rados_ioctx_snap_lookup"] = RadosOperationKind.None,
        ["rados_ioctx_snap_list"] = RadosOperationKind.None,
        ["rados_ioctx_snap_get_name"] = RadosOperationKind.None,
        ["rados_ioctx_snap_get_stamp"] = RadosOperationKind.None,
        ["rados_nobjects_list_open"] = RadosOperationKind.None,
        ["rados_nobjects_list_seek"] = RadosOperationKind.None,
        ["rados_nobjects_list_get_pg_hash_position"] = RadosOperationKind.None,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The kind of <paramref name="operation"/>; names not listed go by prefix, and anything else is metadata.</summary>
    public static RadosOperationKind KindOf(string operation)
    {
        if (Kinds.TryGetValue(operation, out RadosOperationKind kind))
        {
            return kind;
        }

        if (operation.StartsWith("rados_write_op_", StringComparison.Ordinal)
            || operation.StartsWith("rados_aio_write", StringComparison.Ordinal)
            || operation is "rados_aio_append" or "rados_aio_remove")
        {
            return RadosOperationKind.Write;
        }

        if (operation.StartsWith("rados_read_op_", StringComparison.Ordinal)
            || operation.StartsWith("rados_aio_read", StringComparison.Ordinal)
            || operation is "rados_aio_stat")
        {
            return RadosOperationKind.Read;
        }

        return RadosOperationKind.Metadata;
    }

    /// <summary>
    /// True for the calls librados answers from the OSD map it already has while it is connected (pool list and
    /// lookups, opening io contexts): they keep working when the cluster becomes unreachable (measured).
    /// </summary>
    public static bool UsesCachedMap(string operation)
        => operation is "rados_pool_list" or "rados_pool_lookup" or "rados_pool_reverse_lookup" or "rados_ioctx_create" or "rados_ioctx_create2";

    /// <summary>
    /// True for the object writes librados refuses with EROFS while the io context reads a snapshot. Rollbacks are
    /// sent past that check (librados submits them straight to the Objecter).
    /// </summary>
    public static bool RequiresHead(string operation)
        => KindOf(operation) == RadosOperationKind.Write
        && operation is not ("rados_ioctx_snap_rollback" or "rados_ioctx_selfmanaged_snap_rollback");
}
