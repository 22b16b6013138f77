using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_write(RadosIoContextHandle ioContext, string oid, byte* buffer, nuint length, ulong offset);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_write_full(RadosIoContextHandle ioContext, string oid, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_append(RadosIoContextHandle ioContext, string oid, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_read(RadosIoContextHandle ioContext, string oid, byte* buffer, nuint length, ulong offset);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_trunc(RadosIoContextHandle ioContext, string oid, ulong size);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_remove(RadosIoContextHandle ioContext, string oid);

        /// <summary>Pacific has no <c>rados_stat2</c> (added in Quincy): mtime is whole seconds (<c>time_t</c>).</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_stat(RadosIoContextHandle ioContext, string oid, out ulong size, out long modifiedTime);
    }
}
