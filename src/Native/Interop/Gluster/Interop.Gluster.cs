using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    /// <summary>
    /// libgfapi (GlusterFS 10, <c>libgfapi.so.0</c>), declared as in <c>glusterfs/api/glfs.h</c>. Every call
    /// returns -1 (or NULL) and sets <c>errno</c> on failure, so each import has <c>SetLastError</c> and callers
    /// read <see cref="Marshal.GetLastPInvokeError"/>. <c>glfs_t*</c> and <c>glfs_fd_t*</c> are plain pointers:
    /// callers hold a lease on the owning SafeHandle for the length of the call. The unversioned lookup binds
    /// each symbol's default version, which for pread/pwrite/ftruncate/fsync/fdatasync is GFAPI_6.0 (the
    /// signatures with <c>struct glfs_stat</c> pre/post arguments declared here).
    /// </summary>
    internal static partial class Gluster
    {
        /// <summary>Size of <c>d_name</c> in glibc's <c>struct dirent</c>.</summary>
        internal const int DirentNameSize = 256;

        // Runs before any import of this class is bound, so libgfapi.so.0 is found by the resolver.
        static Gluster() => EnsureResolverInstalled();

        /// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TimeSpec
        {
            internal long Seconds;
            internal long Nanoseconds;
        }

        /// <summary><c>struct stat</c> of glibc on x86-64 (144 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Stat
        {
            internal ulong Device;
            internal ulong Inode;
            internal ulong LinkCount;
            internal uint Mode;
            internal uint UserId;
            internal uint GroupId;
            internal int Padding0;
            internal ulong SpecialDevice;
            internal long Size;
            internal long BlockSize;
            internal long Blocks;
            internal TimeSpec AccessTime;
            internal TimeSpec ModificationTime;
            internal TimeSpec ChangeTime;
            internal long Reserved0;
            internal long Reserved1;
            internal long Reserved2;
        }

        /// <summary><c>struct statvfs</c> of glibc on x86-64 (112 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct StatVfs
        {
            internal ulong BlockSize;
            internal ulong FragmentSize;
            internal ulong Blocks;
            internal ulong BlocksFree;
            internal ulong BlocksAvailable;
            internal ulong Files;
            internal ulong FilesFree;
            internal ulong FilesAvailable;
            internal ulong FileSystemId;
            internal ulong Flags;
            internal ulong MaxNameLength;
            internal fixed int Spare[6];
        }

        /// <summary><c>struct dirent</c> of glibc on x86-64 (280 bytes with its tail padding).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Dirent
        {
            internal ulong Inode;
            internal long Offset;
            internal ushort RecordLength;
            internal byte Type;
            internal fixed byte Name[DirentNameSize];
        }
    }
}
