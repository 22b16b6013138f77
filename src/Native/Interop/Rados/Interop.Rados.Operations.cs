using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados)]
        internal static partial nint rados_create_write_op();

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_release_write_op(nint writeOp);

        [LibraryImport(Libraries.Rados)]
        internal static partial nint rados_create_read_op();

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_release_read_op(nint readOp);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void rados_write_op_create(nint writeOp, int exclusive, string? category);

        /// <summary>A null <paramref name="modifiedTime"/> lets librados stamp the current time.</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_write_op_operate2(nint writeOp, RadosIoContextHandle ioContext, string oid, TimeSpec* modifiedTime, int flags);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_read_op_operate(nint readOp, RadosIoContextHandle ioContext, string oid, int flags);
    }
}
