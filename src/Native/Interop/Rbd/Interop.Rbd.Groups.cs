using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>rbd_group_image_info_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct GroupImageInfo
        {
            public nint Name;
            public long Pool;
            public int State;
        }

        /// <summary><c>rbd_group_info_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct GroupInfo
        {
            public nint Name;
            public long Pool;
        }

        /// <summary><c>rbd_group_snap_info_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct GroupSnapInfo
        {
            public nint Name;
            public int State;
        }

        /// <summary><c>rbd_snap_group_namespace_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct SnapGroupNamespace
        {
            public long GroupPool;
            public nint GroupName;
            public nint GroupSnapName;
        }

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_create(RadosIoContextHandle io, string name);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_remove(RadosIoContextHandle io, string name);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_group_list(RadosIoContextHandle io, byte* names, ref nuint size);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_rename(RadosIoContextHandle io, string sourceName, string destinationName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_image_add(RadosIoContextHandle groupIo, string groupName, RadosIoContextHandle imageIo, string imageName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_image_remove(RadosIoContextHandle groupIo, string groupName, RadosIoContextHandle imageIo, string imageName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_image_remove_by_id(RadosIoContextHandle groupIo, string groupName, RadosIoContextHandle imageIo, string imageId);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_group_image_list(RadosIoContextHandle groupIo, string groupName, GroupImageInfo* images, nuint infoSize, ref nuint count);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_group_image_list_cleanup(GroupImageInfo* images, nuint infoSize, nuint count);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_snap_create(RadosIoContextHandle groupIo, string groupName, string snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_snap_remove(RadosIoContextHandle groupIo, string groupName, string snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_snap_rename(RadosIoContextHandle groupIo, string groupName, string sourceName, string destinationName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_group_snap_list(RadosIoContextHandle groupIo, string groupName, GroupSnapInfo* snapshots, nuint infoSize, ref nuint count);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_group_snap_list_cleanup(GroupSnapInfo* snapshots, nuint infoSize, nuint count);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_group_snap_rollback(RadosIoContextHandle groupIo, string groupName, string snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_group_snap_rollback_with_progress(RadosIoContextHandle groupIo, string groupName, string snapshotName, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_get_group(RbdImageHandle image, GroupInfo* info, nuint infoSize);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_group_info_cleanup(GroupInfo* info, nuint infoSize);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_snap_get_group_namespace(RbdImageHandle image, ulong snapshotId, SnapGroupNamespace* info, nuint infoSize);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_snap_group_namespace_cleanup(SnapGroupNamespace* info, nuint infoSize);
    }
}
