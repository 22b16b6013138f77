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

        /// <summary>Stops librados waiting for the operation (its completion then reports -ECANCELED); the OSD may still apply it.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_aio_cancel(nint ioContext, nint completion);

        /// <summary>Never call with length 0: Ceph 16 then reads the whole object into the buffer (measured: 3 bytes into a 0-byte buffer).</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_aio_read(nint ioContext, string oid, nint completion, byte* buffer, nuint length, ulong offset);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_aio_write(nint ioContext, string oid, nint completion, byte* buffer, nuint length, ulong offset);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_aio_write_full(nint ioContext, string oid, nint completion, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_aio_append(nint ioContext, string oid, nint completion, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_aio_remove(nint ioContext, string oid, nint completion);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_aio_stat(nint ioContext, string oid, nint completion, ulong* size, long* modifiedTime);

        /// <summary>A null <paramref name="modifiedTime"/> lets librados stamp the current time (whole seconds here: <c>time_t</c>).</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_aio_write_op_operate(nint writeOp, nint ioContext, nint completion, string oid, long* modifiedTime, int flags);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_aio_read_op_operate(nint readOp, nint ioContext, nint completion, string oid, int flags);
    }
}
