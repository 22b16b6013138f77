using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_getxattr(RadosIoContextHandle ioContext, string oid, string name, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_setxattr(RadosIoContextHandle ioContext, string oid, string name, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_rmxattr(RadosIoContextHandle ioContext, string oid, string name);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_getxattrs(RadosIoContextHandle ioContext, string oid, out nint iterator);

        /// <summary>Sets <paramref name="name"/> to null at the end; the pointers live until the next call.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_getxattrs_next(nint iterator, out byte* name, out byte* value, out nuint valueLength);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_getxattrs_end(nint iterator);
    }
}
