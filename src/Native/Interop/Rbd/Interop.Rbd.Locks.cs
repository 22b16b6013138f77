using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>rbd_image_watcher_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ImageWatcher
        {
            public byte* Address;
            public long Id;
            public ulong Cookie;
        }

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_lock_acquire(RbdImageHandle image, int mode);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_lock_release(RbdImageHandle image);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_lock_get_owners(RbdImageHandle image, out int mode, byte** owners, ref nuint maxOwners);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_lock_get_owners_cleanup(byte** owners, nuint count);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_is_exclusive_lock_owner(RbdImageHandle image, out int isOwner);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_lock_break(RbdImageHandle image, int mode, string owner);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_lock_exclusive(RbdImageHandle image, string cookie);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_lock_shared(RbdImageHandle image, string cookie, string tag);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_unlock(RbdImageHandle image, string cookie);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_break_lock(RbdImageHandle image, string client, string cookie);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial nint rbd_list_lockers(
            RbdImageHandle image, out int exclusive, byte* tag, ref nuint tagLength, byte* clients, ref nuint clientsLength,
            byte* cookies, ref nuint cookiesLength, byte* addresses, ref nuint addressesLength);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_watchers_list(RbdImageHandle image, ImageWatcher* watchers, ref nuint maxWatchers);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_watchers_list_cleanup(ImageWatcher* watchers, nuint count);

        /// <summary><c>rbd_update_callback_t</c>: <c>void (*)(void *arg)</c>.</summary>
        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_update_watch(RbdImageHandle image, out ulong handle, delegate* unmanaged[Cdecl]<nint, void> callback, nint state);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_update_unwatch(RbdImageHandle image, ulong handle);
    }
}
