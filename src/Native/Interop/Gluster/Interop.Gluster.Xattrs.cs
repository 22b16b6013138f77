using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Gluster
    {
        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial nint glfs_getxattr(nint fs, string path, string name, byte* value, nuint size);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial nint glfs_listxattr(nint fs, string path, byte* value, nuint size);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int glfs_setxattr(nint fs, string path, string name, byte* value, nuint size, int flags);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_removexattr(nint fs, string path, string name);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial nint glfs_fgetxattr(nint fd, string name, byte* value, nuint size);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial nint glfs_flistxattr(nint fd, byte* value, nuint size);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int glfs_fsetxattr(nint fd, string name, byte* value, nuint size, int flags);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_fremovexattr(nint fd, string name);
    }
}
