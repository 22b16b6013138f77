using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Gluster
    {
        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial nint glfs_opendir(nint fs, string path);

        /// <summary>0 with <paramref name="result"/> = <paramref name="entry"/>, or null at the end; -1 and errno on failure.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_readdir_r(nint fd, Dirent* entry, Dirent** result);

        /// <summary>As <see cref="glfs_readdir_r"/>, also filling <paramref name="stat"/> with the entry's lstat.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_readdirplus_r(nint fd, Stat* stat, Dirent* entry, Dirent** result);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial long glfs_telldir(nint fd);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial void glfs_seekdir(nint fd, long offset);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_closedir(nint fd);
    }
}
