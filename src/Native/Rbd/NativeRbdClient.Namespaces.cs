using System.Text;
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
        nuint size = 1024;
        while (true)
        {
            var buffer = new byte[(int)size];
            nuint requested = size;
            int returnCode;
            fixed (byte* pointer = buffer)
            {
                returnCode = Interop.Rbd.rbd_namespace_list(lease.Handle, pointer, ref size);
            }

            if (returnCode == -(int)Errno.ERANGE && size > requested)
            {
                continue;
            }

            RadosCall.Check(returnCode, "rbd_namespace_list");
            var names = new List<string>();
            int start = 0;
            for (int i = 0; i < (int)Math.Min(size, requested); i++)
            {
                if (buffer[i] == 0)
                {
                    if (i > start)
                    {
                        names.Add(Encoding.UTF8.GetString(buffer, start, i - start));
                    }

                    start = i + 1;
                }
            }

            return names;
        }
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
