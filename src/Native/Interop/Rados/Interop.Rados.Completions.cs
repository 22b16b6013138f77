using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        /// <summary>
        /// Creates a completion whose callback (<c>rados_callback_t</c>: completion, argument) runs once on a
        /// librados thread when the operation completes.
        /// </summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_aio_create_completion2(
            nint argument, delegate* unmanaged<nint, nint, void> complete, out nint completion);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_aio_get_return_value(nint completion);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_aio_release(nint completion);
    }
}
