using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_omap_set2(
            nint writeOp, byte** keys, byte** values, nuint* keyLengths, nuint* valueLengths, nuint count);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_write_op_omap_rm_keys2(nint writeOp, byte** keys, nuint* keyLengths, nuint count);

        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_write_op_omap_clear(nint writeOp);

        /// <summary>Always stores an iterator in <paramref name="iterator"/>, to be freed with <see cref="rados_omap_get_end"/> whatever the outcome.</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial void rados_read_op_omap_get_vals2(
            nint readOp, string startAfter, string filterPrefix, ulong maxReturn, nint* iterator, byte* more, int* result);

        /// <summary>Always stores an iterator in <paramref name="iterator"/>, to be freed with <see cref="rados_omap_get_end"/> whatever the outcome.</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial void rados_read_op_omap_get_keys2(
            nint readOp, string startAfter, ulong maxReturn, nint* iterator, byte* more, int* result);

        /// <summary>Always stores an iterator in <paramref name="iterator"/>, to be freed with <see cref="rados_omap_get_end"/> whatever the outcome.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_read_op_omap_get_vals_by_keys2(
            nint readOp, byte** keys, nuint count, nuint* keyLengths, nint* iterator, int* result);

        /// <summary>Sets <paramref name="key"/> to null at the end; the pointers live until the next call.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_omap_get_next2(
            nint iterator, out byte* key, out byte* value, out nuint keyLength, out nuint valueLength);

        /// <summary>Pacific's name for freeing an omap iterator (<c>rados_omap_iter_end</c> does not exist there).</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_omap_get_end(nint iterator);
    }
}
