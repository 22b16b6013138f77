using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdClient
{
    /// <inheritdoc />
    public void CreateNamespace(string name)
    {
        RbdArguments.ImageName(name);
        using var lease = ioContext.Use("rbd_namespace_create", name);
        RadosCall.Check(Interop.Rbd.rbd_namespace_create(lease.Handle, name), "rbd_namespace_create", name);
    }

    /// <inheritdoc />
    public void RemoveNamespace(string name)
    {
        RbdArguments.ImageName(name);
        using var lease = ioContext.Use("rbd_namespace_remove", name);
        RadosCall.Check(Interop.Rbd.rbd_namespace_remove(lease.Handle, name), "rbd_namespace_remove", name);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<string> ListNamespaces()
    {
        using var lease = ioContext.Use("rbd_namespace_list", null);
        var io = lease.Handle;
        return NativeNameList.Read("rbd_namespace_list", (byte* buffer, ref nuint size) => Interop.Rbd.rbd_namespace_list(io, buffer, ref size));
    }

    /// <inheritdoc />
    public bool NamespaceExists(string name)
    {
        RbdArguments.ImageName(name);
        using var lease = ioContext.Use("rbd_namespace_exists", name);
        RadosCall.Check(Interop.Rbd.rbd_namespace_exists(lease.Handle, name, out bool exists), "rbd_namespace_exists", name);
        return exists;
    }

    /// <inheritdoc />
    public void InitPool(bool force = false)
    {
        using var lease = ioContext.Use("rbd_pool_init", null);
        RadosCall.Check(Interop.Rbd.rbd_pool_init(lease.Handle, force), "rbd_pool_init");
    }

    /// <inheritdoc />
    public unsafe RbdPoolStats GetPoolStats()
    {
        using var lease = ioContext.Use("rbd_pool_stats_get", null);
        var values = stackalloc ulong[8];
        Interop.Rbd.rbd_pool_stats_create(out nint stats);
        try
        {
            for (int option = 0; option < 8; option++)
            {
                RadosCall.Check(Interop.Rbd.rbd_pool_stats_option_add_uint64(stats, option, values + option), "rbd_pool_stats_option_add_uint64");
            }

            RadosCall.Check(Interop.Rbd.rbd_pool_stats_get(lease.Handle, stats), "rbd_pool_stats_get");
        }
        finally
        {
            Interop.Rbd.rbd_pool_stats_destroy(stats);
        }

        return new RbdPoolStats(
            (long)values[0], (long)values[1], (long)values[2], (long)values[3],
            (long)values[4], (long)values[5], (long)values[6], (long)values[7]);
    }
}
