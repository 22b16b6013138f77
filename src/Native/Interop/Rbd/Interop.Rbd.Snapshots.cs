using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>CEPH_NOSNAP</c>: the head, for <c>rbd_snap_set_by_id</c>.</summary>
        internal const ulong NoSnapshot = unchecked((ulong)-2L);

        /// <summary><c>rbd_snap_info_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct SnapshotInfo
        {
            public ulong Id;
            public ulong Size;
            public nint Name;
        }

        /// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_snap_list(RbdImageHandle image, SnapshotInfo* snapshots, ref int maxSnapshots);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_snap_list_end(SnapshotInfo* snapshots);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_exists(RbdImageHandle image, string snapshotName, out byte exists);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_create(RbdImageHandle image, string snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_remove(RbdImageHandle image, string snapshotName);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_snap_remove_by_id(RbdImageHandle image, ulong snapshotId);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_rollback(RbdImageHandle image, string snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_snap_rollback_with_progress(RbdImageHandle image, string snapshotName, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_rename(RbdImageHandle image, string sourceName, string destinationName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_protect(RbdImageHandle image, string snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_unprotect(RbdImageHandle image, string snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_is_protected(RbdImageHandle image, string snapshotName, out int isProtected);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_snap_get_limit(RbdImageHandle image, out ulong limit);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_snap_set_limit(RbdImageHandle image, ulong limit);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_snap_get_timestamp(RbdImageHandle image, ulong snapshotId, out TimeSpec timestamp);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_set(RbdImageHandle image, string? snapshotName);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_snap_set_by_id(RbdImageHandle image, ulong snapshotId);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_snap_get_name(RbdImageHandle image, ulong snapshotId, byte* name, ref nuint nameLength);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_snap_get_id(RbdImageHandle image, string snapshotName, out ulong snapshotId);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_snap_get_namespace_type(RbdImageHandle image, ulong snapshotId, out int namespaceType);
    }
}
