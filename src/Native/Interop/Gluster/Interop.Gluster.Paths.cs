using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Gluster
    {
        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int glfs_stat(nint fs, string path, Stat* buffer);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int glfs_lstat(nint fs, string path, Stat* buffer);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_access(nint fs, string path, int mode);

        /// <summary>
        /// Fills <paramref name="resolved"/> (PATH_MAX bytes) and returns it, or null on failure (GFAPI_3.7.17,
        /// the default version; with a null buffer it would allocate one to be freed with <c>glfs_free</c>).
        /// </summary>
        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial byte* glfs_realpath(nint fs, string path, byte* resolved);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_chmod(nint fs, string path, uint mode);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_chown(nint fs, string path, uint uid, uint gid);

        /// <summary><paramref name="times"/> is <c>struct timespec[2]</c>: access, then modification.</summary>
        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int glfs_utimens(nint fs, string path, TimeSpec* times);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_truncate(nint fs, string path, long length);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_link(nint fs, string oldPath, string newPath);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_symlink(nint fs, string target, string linkPath);

        /// <summary>Returns the number of bytes placed in <paramref name="buffer"/> (no NUL added).</summary>
        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int glfs_readlink(nint fs, string path, byte* buffer, nuint size);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_rename(nint fs, string oldPath, string newPath);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_unlink(nint fs, string path);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_mknod(nint fs, string path, uint mode, ulong device);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial nint glfs_open(nint fs, string path, int flags);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial nint glfs_creat(nint fs, string path, int flags, uint mode);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_mkdir(nint fs, string path, uint mode);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_rmdir(nint fs, string path);
    }
}
