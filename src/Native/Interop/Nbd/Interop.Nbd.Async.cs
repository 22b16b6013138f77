using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Nbd
    {
        // Submissions return the command's cookie, or -1 (then the callbacks' free function has already run).
        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial long nbd_aio_pread(NbdHandle handle, byte* buffer, nuint count, ulong offset, Callback completion, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial long nbd_aio_pwrite(NbdHandle handle, byte* buffer, nuint count, ulong offset, Callback completion, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial long nbd_aio_trim(NbdHandle handle, ulong count, ulong offset, Callback completion, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial long nbd_aio_zero(NbdHandle handle, ulong count, ulong offset, Callback completion, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial long nbd_aio_cache(NbdHandle handle, ulong count, ulong offset, Callback completion, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial long nbd_aio_flush(NbdHandle handle, Callback completion, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial long nbd_aio_block_status(NbdHandle handle, ulong count, ulong offset, Callback extentCallback, Callback completion, uint flags);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_aio_in_flight(NbdHandle handle);

        // Driving the state machine (raw handle: the poller holds its own reference for its whole life).
        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_aio_get_fd(nint handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial uint nbd_aio_get_direction(nint handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_aio_in_flight(nint handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_aio_notify_read(nint handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_aio_notify_write(nint handle);
    }

    /// <summary>The C library calls the NBD poller needs.</summary>
    internal static partial class C
    {
        static C() => EnsureResolverInstalled();

        internal const short PollIn = 0x1;
        internal const short PollOut = 0x4;
        internal const short PollErr = 0x8;
        internal const short PollHup = 0x10;
        internal const short PollNval = 0x20;
        internal const int EventFdCloseOnExec = 0x80000;
        internal const int EventFdNonBlocking = 0x800;

        /// <summary><c>struct pollfd</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct PollFd
        {
            public int Fd;
            public short Events;
            public short ReturnedEvents;
        }

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial int poll(PollFd* fds, nuint count, int timeout);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int eventfd(uint initialValue, int flags);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial nint read(int fd, void* buffer, nuint count);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static unsafe partial nint write(int fd, void* buffer, nuint count);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int close(int fd);
    }
}
