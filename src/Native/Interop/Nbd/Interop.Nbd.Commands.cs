using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Nbd
    {
        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial int nbd_pread(NbdHandle handle, byte* buffer, nuint count, ulong offset, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial int nbd_pread_structured(NbdHandle handle, byte* buffer, nuint count, ulong offset, Callback chunkCallback, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial int nbd_pwrite(NbdHandle handle, byte* buffer, nuint count, ulong offset, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_trim(NbdHandle handle, ulong count, ulong offset, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_zero(NbdHandle handle, ulong count, ulong offset, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_cache(NbdHandle handle, ulong count, ulong offset, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_flush(NbdHandle handle, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_block_status(NbdHandle handle, ulong count, ulong offset, Callback extentCallback, uint flags);
    }
}
