using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_ioctx_create(RadosClusterHandle cluster, string poolName, out nint ioContext);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_ioctx_create2(RadosClusterHandle cluster, long poolId, out nint ioContext);

        /// <summary>Takes the raw pointer: only <see cref="RadosIoContextHandle.ReleaseHandle"/> calls it.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_ioctx_destroy(nint ioContext);

        [LibraryImport(Libraries.Rados)]
        internal static partial long rados_ioctx_get_id(RadosIoContextHandle ioContext);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_ioctx_get_pool_name(RadosIoContextHandle ioContext, byte* buffer, uint length);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_ioctx_pool_stat(RadosIoContextHandle ioContext, out PoolStat stats);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void rados_ioctx_set_namespace(RadosIoContextHandle ioContext, string? nspace);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void rados_ioctx_locator_set_key(RadosIoContextHandle ioContext, string? key);

        [LibraryImport(Libraries.Rados)]
        internal static partial ulong rados_get_last_version(RadosIoContextHandle ioContext);
    }
}
