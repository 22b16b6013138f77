using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    /// <summary>
    /// Asynchronous I/O. The io context is passed as a raw pointer: the caller holds its own reference on the
    /// <see cref="RadosIoContextHandle"/> from submission to completion, which a SafeHandle parameter (referenced only
    /// for the length of the call, and refused once closed) could not express.
    /// </summary>
    internal static partial class Rados
    {
        /// <summary>The completion callback runs on a librados finisher thread once the operation is done.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_aio_create_completion2(nint argument, delegate* unmanaged[Cdecl]<nint, nint, void> onComplete, nint* completion);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_aio_release(nint completion);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_aio_get_return_value(nint completion);
    }
}
