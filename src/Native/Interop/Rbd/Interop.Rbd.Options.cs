using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>RBD_IMAGE_OPTION_*</c> (librbd.h, <c>rbd_image_option_t</c>).</summary>
        internal const int ImageOptionFormat = 0;
        internal const int ImageOptionFeatures = 1;
        internal const int ImageOptionOrder = 2;
        internal const int ImageOptionStripeUnit = 3;
        internal const int ImageOptionStripeCount = 4;

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_image_options_create(out nint options);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_image_options_destroy(nint options);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_image_options_set_uint64(nint options, int option, ulong value);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_create4(RadosIoContextHandle ioContext, string name, ulong size, nint options);

        /// <summary><c>librbd_progress_fn_t</c>: <c>int (*)(uint64_t offset, uint64_t total, void *ptr)</c>.</summary>
        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_remove_with_progress(RadosIoContextHandle ioContext, string name, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_open_read_only(RadosIoContextHandle ioContext, string name, out nint image, string? snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_open_by_id(RadosIoContextHandle ioContext, string id, out nint image, string? snapshotName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_open_by_id_read_only(RadosIoContextHandle ioContext, string id, out nint image, string? snapshotName);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_get_name(RbdImageHandle image, byte* name, ref nuint length);

        [LibraryImport(Libraries.Rbd)]
        internal static partial nint rbd_write_zeroes(RbdImageHandle image, ulong offset, nuint length, int zeroFlags, int operationFlags);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_resize2(RbdImageHandle image, ulong size, [MarshalAs(UnmanagedType.U1)] bool allowShrink, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_features(RbdImageHandle image, out ulong features);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_update_features(RbdImageHandle image, ulong features, byte enabled);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_flags(RbdImageHandle image, out ulong flags);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_op_features(RbdImageHandle image, out ulong operationFeatures);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_old_format(RbdImageHandle image, out byte oldFormat);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_stripe_unit(RbdImageHandle image, out ulong stripeUnit);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_get_stripe_count(RbdImageHandle image, out ulong stripeCount);
    }
}
