using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_pool_create(RadosClusterHandle cluster, string poolName);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_pool_delete(RadosClusterHandle cluster, string poolName);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_pool_list(RadosClusterHandle cluster, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial long rados_pool_lookup(RadosClusterHandle cluster, string poolName);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_pool_reverse_lookup(RadosClusterHandle cluster, long poolId, byte* buffer, nuint length);
    }
}
