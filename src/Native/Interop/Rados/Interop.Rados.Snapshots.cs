using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_ioctx_snap_create(RadosIoContextHandle ioContext, string snapName);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_ioctx_snap_remove(RadosIoContextHandle ioContext, string snapName);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_ioctx_snap_rollback(RadosIoContextHandle ioContext, string oid, string snapName);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_ioctx_snap_set_read(RadosIoContextHandle ioContext, ulong snapId);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_ioctx_snap_lookup(RadosIoContextHandle ioContext, string name, out ulong snapId);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_ioctx_snap_list(RadosIoContextHandle ioContext, ulong* snaps, int maxLength);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_ioctx_snap_get_name(RadosIoContextHandle ioContext, ulong snapId, byte* name, int maxLength);

        /// <summary><c>time_t</c>: whole seconds since the epoch.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_ioctx_snap_get_stamp(RadosIoContextHandle ioContext, ulong snapId, out long stamp);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_ioctx_selfmanaged_snap_create(RadosIoContextHandle ioContext, out ulong snapId);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_ioctx_selfmanaged_snap_remove(RadosIoContextHandle ioContext, ulong snapId);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_ioctx_selfmanaged_snap_rollback(RadosIoContextHandle ioContext, string oid, ulong snapId);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_ioctx_selfmanaged_snap_set_write_ctx(RadosIoContextHandle ioContext, ulong sequence, ulong* snaps, int count);
    }
}
