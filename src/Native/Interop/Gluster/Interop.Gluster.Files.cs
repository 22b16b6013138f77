using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Gluster
    {
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial nint glfs_read(nint fd, byte* buffer, nuint count, int flags);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial nint glfs_write(nint fd, byte* buffer, nuint count, int flags);

        /// <summary>GFAPI_6.0 signature: <paramref name="postStat"/> may be null.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial nint glfs_pread(nint fd, byte* buffer, nuint count, long offset, int flags, void* postStat);

        /// <summary>GFAPI_6.0 signature: <paramref name="preStat"/> and <paramref name="postStat"/> may be null.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial nint glfs_pwrite(nint fd, byte* buffer, nuint count, long offset, int flags, void* preStat, void* postStat);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial long glfs_lseek(nint fd, long offset, int whence);

        /// <summary>GFAPI_6.0 signature with (nullable) <c>struct glfs_stat</c> pre/post arguments.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_fsync(nint fd, void* preStat, void* postStat);

        /// <summary>GFAPI_6.0 signature with (nullable) <c>struct glfs_stat</c> pre/post arguments.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_fdatasync(nint fd, void* preStat, void* postStat);

        /// <summary>GFAPI_6.0 signature with (nullable) <c>struct glfs_stat</c> pre/post arguments.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_ftruncate(nint fd, long length, void* preStat, void* postStat);

        /// <summary>The second argument is the <c>fallocate(2)</c> mode, though glfs.h calls it <c>keep_size</c>.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_fallocate(nint fd, int mode, long offset, nuint length);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_discard(nint fd, long offset, nuint length);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_zerofill(nint fd, long offset, long length);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_fstat(nint fd, Stat* buffer);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_fchmod(nint fd, uint mode);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_fchown(nint fd, uint uid, uint gid);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_futimens(nint fd, TimeSpec* times);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial nint glfs_dup(nint fd);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_close(nint fd);
    }
}
