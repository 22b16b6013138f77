using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    /// <summary>
    /// The steps of compound operations. librados copies every input (data, names, keys) when a step is added; the
    /// output pointers (<c>prval</c>, bytes read, iterators, read buffers) are written when the operation completes
    /// and must stay valid until then.
    /// </summary>
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_set_flags(nint writeOp, int flags);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_assert_exists(nint writeOp);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_assert_version(nint writeOp, ulong version);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_cmpext(nint writeOp, byte* compare, nuint length, ulong offset, int* result);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial void rados_write_op_cmpxattr(nint writeOp, string name, byte comparison, byte* value, nuint valueLength);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_omap_cmp2(
            nint writeOp, byte* key, byte comparison, byte* value, nuint keyLength, nuint valueLength, int* result);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_write(nint writeOp, byte* buffer, nuint length, ulong offset);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_write_full(nint writeOp, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_writesame(nint writeOp, byte* buffer, nuint dataLength, nuint writeLength, ulong offset);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_append(nint writeOp, byte* buffer, nuint length);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_remove(nint writeOp);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_truncate(nint writeOp, ulong offset);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_zero(nint writeOp, ulong offset, ulong length);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial void rados_write_op_setxattr(nint writeOp, string name, byte* value, nuint valueLength);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void rados_write_op_rmxattr(nint writeOp, string name);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_omap_rm_range2(nint writeOp, byte* keyBegin, nuint keyBeginLength, byte* keyEnd, nuint keyEndLength);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_set_alloc_hint2(nint writeOp, ulong expectedObjectSize, ulong expectedWriteSize, uint flags);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_read_op_set_flags(nint readOp, int flags);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_read_op_assert_exists(nint readOp);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_read_op_assert_version(nint readOp, ulong version);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_read_op_cmpext(nint readOp, byte* compare, nuint length, ulong offset, int* result);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial void rados_read_op_cmpxattr(nint readOp, string name, byte comparison, byte* value, nuint valueLength);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_read_op_omap_cmp2(
            nint readOp, byte* key, byte comparison, byte* value, nuint keyLength, nuint valueLength, int* result);

        /// <summary>Writes at most <paramref name="length"/> bytes into <paramref name="buffer"/> when the op completes; a longer answer (length 0 reads to the end) sets -ERANGE.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_read_op_read(nint readOp, ulong offset, nuint length, byte* buffer, nuint* bytesRead, int* result);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_read_op_stat(nint readOp, ulong* size, long* modifiedTime, int* result);

        /// <summary>Stores an iterator in <paramref name="iterator"/> at once, to be freed with <see cref="rados_getxattrs_end"/> whatever the outcome.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_read_op_getxattrs(nint readOp, nint* iterator, int* result);
    }
}
