using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>rbd_trash_image_info_t</c> on 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TrashImageInfo
        {
            public nint Id;
            public nint Name;
            public int Source;
            public long DeletionTime;
            public long DefermentEndTime;
        }

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_metadata_get(RbdImageHandle image, string key, byte* value, ref nuint valueLength);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_metadata_set(RbdImageHandle image, string key, string value);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_metadata_remove(RbdImageHandle image, string key);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_metadata_list(RbdImageHandle image, string start, ulong max, byte* keys, ref nuint keysLength, byte* values, ref nuint valuesLength);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_trash_move(RadosIoContextHandle ioContext, string name, ulong delay);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_trash_get(RadosIoContextHandle ioContext, string id, out TrashImageInfo info);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_trash_get_cleanup(ref TrashImageInfo info);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_trash_list(RadosIoContextHandle ioContext, TrashImageInfo* entries, ref nuint count);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_trash_list_cleanup(TrashImageInfo* entries, nuint count);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_trash_purge_with_progress(RadosIoContextHandle ioContext, long expireTime, float threshold, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_trash_purge(RadosIoContextHandle ioContext, long expireTime, float threshold);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_trash_remove(RadosIoContextHandle ioContext, string id, [MarshalAs(UnmanagedType.U1)] bool force);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_trash_remove_with_progress(RadosIoContextHandle ioContext, string id, [MarshalAs(UnmanagedType.U1)] bool force, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_trash_restore(RadosIoContextHandle ioContext, string id, string name);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_namespace_create(RadosIoContextHandle ioContext, string name);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_namespace_remove(RadosIoContextHandle ioContext, string name);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_namespace_list(RadosIoContextHandle ioContext, byte* names, ref nuint size);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_namespace_exists(RadosIoContextHandle ioContext, string name, [MarshalAs(UnmanagedType.U1)] out bool exists);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_pool_init(RadosIoContextHandle ioContext, [MarshalAs(UnmanagedType.U1)] bool force);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_pool_stats_create(out nint stats);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_pool_stats_destroy(nint stats);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_pool_stats_option_add_uint64(nint stats, int option, ulong* value);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_pool_stats_get(RadosIoContextHandle ioContext, nint stats);
    }
}
