using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    /// <summary>
    /// librados (Ceph Pacific, <c>librados.so.2</c>), declared as in <c>rados/librados.h</c>: UTF-8 strings,
    /// raw pointers for buffers, SafeHandles for <c>rados_t</c>, <c>rados_ioctx_t</c> and <c>rados_list_ctx_t</c>,
    /// plain pointers for the short-lived op and iterator objects that never leave one method.
    /// </summary>
    internal static partial class Rados
    {
        /// <summary><c>LIBRADOS_CREATE_EXCLUSIVE</c>.</summary>
        internal const int CreateExclusive = 1;

        /// <summary><c>LIBRADOS_CREATE_IDEMPOTENT</c>.</summary>
        internal const int CreateIdempotent = 0;

        // Runs before any import of this class is bound, so librados.so.2 is found by the resolver.
        static Rados() => EnsureResolverInstalled();

        /// <summary><c>struct rados_cluster_stat_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ClusterStat
        {
            internal ulong Kilobytes;
            internal ulong KilobytesUsed;
            internal ulong KilobytesAvailable;
            internal ulong Objects;
        }

        /// <summary>
        /// <c>struct rados_pool_stat_t</c> as the default symbol version (LIBRADOS_14.2.0) fills it: 16 fields.
        /// The 12-field layout belongs to the old base symbol; declaring fewer fields here would let the
        /// library write past the struct.
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct PoolStat
        {
            internal ulong NumBytes;
            internal ulong NumKilobytes;
            internal ulong NumObjects;
            internal ulong NumObjectClones;
            internal ulong NumObjectCopies;
            internal ulong NumObjectsMissingOnPrimary;
            internal ulong NumObjectsUnfound;
            internal ulong NumObjectsDegraded;
            internal ulong NumReads;
            internal ulong NumReadKilobytes;
            internal ulong NumWrites;
            internal ulong NumWriteKilobytes;
            internal ulong NumUserBytes;
            internal ulong CompressedBytesOriginal;
            internal ulong CompressedBytes;
            internal ulong CompressedBytesAllocated;
        }

        /// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TimeSpec
        {
            internal long Seconds;
            internal long Nanoseconds;
        }
    }
}
