using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_nobjects_list_open(RadosIoContextHandle ioContext, out nint listContext);

        /// <summary>
        /// -ENOENT at the end of the listing. The pointers live until the next call on the context;
        /// <paramref name="key"/> is null for objects without a locator key.
        /// </summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_nobjects_list_next2(
            RadosListContextHandle listContext, out byte* entry, out byte* key, out byte* nspace,
            out nuint entryLength, out nuint keyLength, out nuint nspaceLength);

        [LibraryImport(Libraries.Rados)]
        internal static partial uint rados_nobjects_list_get_pg_hash_position(RadosListContextHandle listContext);

        [LibraryImport(Libraries.Rados)]
        internal static partial uint rados_nobjects_list_seek(RadosListContextHandle listContext, uint position);

        /// <summary>Takes the raw pointer: only <see cref="RadosListContextHandle.ReleaseHandle"/> calls it.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial void rados_nobjects_list_close(nint listContext);
    }
}
