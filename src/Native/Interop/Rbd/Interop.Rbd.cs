using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    /// <summary>librbd entry points (Ceph 16.2 <c>rbd/librbd.h</c>).</summary>
    internal static partial class Rbd
    {
        static Rbd() => EnsureResolverInstalled();

        /// <summary><c>RBD_FEATURE_LAYERING</c>.</summary>
        internal const ulong FeatureLayering = 1;

        /// <summary><c>rbd_image_info_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ImageInfo
        {
            public ulong Size;
            public ulong ObjectSize;
            public ulong ObjectCount;
            public int Order;
            public fixed byte BlockNamePrefix[24];
            public long ParentPool;
            public fixed byte ParentName[96];
        }

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_create2(RadosIoContextHandle ioContext, string name, ulong size, ulong features, ref int order);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_list(RadosIoContextHandle ioContext, byte* names, ref nuint size);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_remove(RadosIoContextHandle ioContext, string name);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_rename(RadosIoContextHandle sourceIoContext, string sourceName, string destinationName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_open(RadosIoContextHandle ioContext, string name, out nint image, string? snapshotName);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_close(nint image);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial nint rbd_read(RbdImageHandle image, ulong offset, nuint length, byte* buffer);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial nint rbd_write(RbdImageHandle image, ulong offset, nuint length, byte* buffer);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_discard(RbdImageHandle image, ulong offset, ulong length);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_flush(RbdImageHandle image);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_resize(RbdImageHandle image, ulong size);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_size(RbdImageHandle image, out ulong size);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_get_id(RbdImageHandle image, byte* id, nuint length);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_stat(RbdImageHandle image, out ImageInfo info, nuint infoSize);
    }
}
