using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_create2(out nint cluster, string clusterName, string name, ulong flags);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_conf_read_file(RadosClusterHandle cluster, string path);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_conf_set(RadosClusterHandle cluster, string option, string value);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_conf_get(RadosClusterHandle cluster, string option, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_connect(RadosClusterHandle cluster);

        /// <summary>Takes the raw pointer: only <see cref="RadosClusterHandle.ReleaseHandle"/> calls it.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_shutdown(nint cluster);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_cluster_stat(RadosClusterHandle cluster, out ClusterStat result);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_cluster_fsid(RadosClusterHandle cluster, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados)]
        internal static partial ulong rados_get_instance_id(RadosClusterHandle cluster);
    }
}
