using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    /// <summary>
    /// libnbd entry points (1.14 <c>libnbd.h</c>). Every call takes the handle's lock; failures return -1 (or NULL)
    /// and leave the errno and message in thread-local storage (<see cref="nbd_get_errno"/>, <see cref="nbd_get_error"/>).
    /// Strings returned as <c>char *</c> are the caller's to <c>free</c>; <c>const char *</c> ones are not.
    /// </summary>
    internal static partial class Nbd
    {
        static Nbd() => EnsureResolverInstalled();

        /// <summary><c>LIBNBD_SHUTDOWN_ABANDON_PENDING</c>.</summary>
        internal const uint ShutdownAbandonPending = 0x10000;

        /// <summary><c>LIBNBD_AIO_DIRECTION_READ</c>.</summary>
        internal const uint DirectionRead = 1;

        /// <summary><c>LIBNBD_AIO_DIRECTION_WRITE</c>.</summary>
        internal const uint DirectionWrite = 2;

        /// <summary>
        /// Every libnbd callback parameter (<c>nbd_completion_callback</c>, <c>nbd_chunk_callback</c>, ...) has this
        /// shape, passed by value: the function, its user data, and a function libnbd calls exactly once when it will
        /// not call the first again (also when the API call itself fails).
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Callback
        {
            public nint Function;
            public nint UserData;
            public nint Free;
        }

        [LibraryImport(Libraries.Nbd)]
        internal static partial nint nbd_create();

        [LibraryImport(Libraries.Nbd)]
        internal static partial void nbd_close(nint handle);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial byte* nbd_get_error();

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_get_errno();

        // Settings.
        [LibraryImport(Libraries.Nbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int nbd_set_export_name(NbdHandle handle, string exportName);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial byte* nbd_get_export_name(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_set_request_structured_replies(NbdHandle handle, [MarshalAs(UnmanagedType.U1)] bool request);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_get_request_structured_replies(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_set_full_info(NbdHandle handle, [MarshalAs(UnmanagedType.U1)] bool request);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_get_full_info(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_set_opt_mode(NbdHandle handle, [MarshalAs(UnmanagedType.U1)] bool enable);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_get_opt_mode(NbdHandle handle);

        [LibraryImport(Libraries.Nbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int nbd_add_meta_context(NbdHandle handle, string name);

        [LibraryImport(Libraries.Nbd)]
        internal static partial nint nbd_get_nr_meta_contexts(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial byte* nbd_get_meta_context(NbdHandle handle, nuint index);

        // Connecting and option mode.
        [LibraryImport(Libraries.Nbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int nbd_connect_tcp(NbdHandle handle, string hostname, string port);

        [LibraryImport(Libraries.Nbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int nbd_connect_unix(NbdHandle handle, string socketPath);

        [LibraryImport(Libraries.Nbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int nbd_connect_uri(NbdHandle handle, string uri);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_opt_list(NbdHandle handle, Callback listCallback);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_opt_info(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_opt_list_meta_context(NbdHandle handle, Callback contextCallback);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_opt_go(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_opt_abort(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_shutdown(NbdHandle handle, uint flags);

        // State and what the server advertised.
        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_aio_is_ready(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_aio_is_processing(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial byte* nbd_get_protocol(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_get_structured_replies_negotiated(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial long nbd_get_size(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial long nbd_get_block_size(NbdHandle handle, int sizeType);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial byte* nbd_get_canonical_export_name(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static unsafe partial byte* nbd_get_export_description(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_is_read_only(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_flush(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_fua(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_is_rotational(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_trim(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_zero(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_fast_zero(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_df(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_multi_conn(NbdHandle handle);

        [LibraryImport(Libraries.Nbd)]
        internal static partial int nbd_can_cache(NbdHandle handle);

        [LibraryImport(Libraries.Nbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int nbd_can_meta_context(NbdHandle handle, string name);
    }
}
