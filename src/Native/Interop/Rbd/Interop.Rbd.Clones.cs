using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>rbd_linked_image_spec_t</c>: strings owned by librbd until the matching cleanup call.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct LinkedImageSpec
        {
            public long PoolId;
            public byte* PoolName;
            public byte* PoolNamespace;
            public byte* ImageId;
            public byte* ImageName;
            public byte Trash;
        }

        /// <summary><c>rbd_snap_spec_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct SnapSpec
        {
            public ulong Id;
            public int NamespaceType;
            public byte* Name;
        }

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_clone3(RadosIoContextHandle parentIoContext, string parentName, string parentSnapshotName, RadosIoContextHandle childIoContext, string childName, nint options);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_parent(RbdImageHandle image, out LinkedImageSpec parentImage, out SnapSpec parentSnapshot);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_linked_image_spec_cleanup(ref LinkedImageSpec image);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_linked_image_spec_list_cleanup(LinkedImageSpec* images, nuint count);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_snap_spec_cleanup(ref SnapSpec snapshot);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_overlap(RbdImageHandle image, out ulong overlap);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_list_children3(RbdImageHandle image, LinkedImageSpec* images, ref nuint count);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_flatten_with_progress(RbdImageHandle image, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> progress, nint argument);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_copy_with_progress3(RbdImageHandle image, RadosIoContextHandle destinationIoContext, string destinationName, nint options, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> progress, nint argument);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_deep_copy_with_progress(RbdImageHandle image, RadosIoContextHandle destinationIoContext, string destinationName, nint options, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> progress, nint argument);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_diff_iterate2(RbdImageHandle image, string? fromSnapshotName, ulong offset, ulong length, byte includeParent, byte wholeObject, delegate* unmanaged[Cdecl]<ulong, nuint, int, nint, int> callback, nint argument);
    }
}
