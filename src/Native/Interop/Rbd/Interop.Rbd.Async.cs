using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>rbd_callback_t</c>: <c>void (*)(rbd_completion_t cb, void *arg)</c>.</summary>
        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_aio_create_completion(nint argument, delegate* unmanaged[Cdecl]<nint, nint, void> callback, out nint completion);

        [LibraryImport(Libraries.Rbd)]
        internal static partial nint rbd_aio_get_return_value(nint completion);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_aio_release(nint completion);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_aio_read(RbdImageHandle image, ulong offset, nuint length, byte* buffer, nint completion);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_aio_write(RbdImageHandle image, ulong offset, nuint length, byte* buffer, nint completion);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_aio_discard(RbdImageHandle image, ulong offset, ulong length, nint completion);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_aio_write_zeroes(RbdImageHandle image, ulong offset, nuint length, nint completion, int zeroFlags, int operationFlags);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_aio_flush(RbdImageHandle image, nint completion);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_invalidate_cache(RbdImageHandle image);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_sparsify_with_progress(RbdImageHandle image, nuint sparseSize, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_rebuild_object_map(RbdImageHandle image, delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> callback, nint state);
    }
}
