using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        /// <summary><c>rados_watch2</c>: the OSD's default watch timeout. <paramref name="cookie"/> identifies the watch afterwards.</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_watch2(
            RadosIoContextHandle ioContext, string oid, out ulong cookie,
            delegate* unmanaged[Cdecl]<nint, ulong, ulong, ulong, byte*, nuint, void> watchCallback,
            delegate* unmanaged[Cdecl]<nint, ulong, int, void> errorCallback,
            nint argument);

        /// <summary><c>rados_watch3</c>: <paramref name="timeoutSeconds"/> is how long the OSD keeps the watch unconfirmed (0: its default).</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_watch3(
            RadosIoContextHandle ioContext, string oid, out ulong cookie,
            delegate* unmanaged[Cdecl]<nint, ulong, ulong, ulong, byte*, nuint, void> watchCallback,
            delegate* unmanaged[Cdecl]<nint, ulong, int, void> errorCallback,
            uint timeoutSeconds,
            nint argument);

        /// <summary>Milliseconds since the watch was last confirmed, or the watch's error. Never pass a cookie that was unwatched: librados 16 reads freed memory then.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_watch_check(RadosIoContextHandle ioContext, ulong cookie);

        /// <summary>Sends the unwatch and waits for the OSD. Frees the watch: the cookie must not be used again.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_unwatch2(RadosIoContextHandle ioContext, ulong cookie);

        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_aio_unwatch(RadosIoContextHandle ioContext, ulong cookie, nint completion);

        /// <summary>Waits until every queued watch callback ran. Crashes (SIGSEGV) on a handle that never connected.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_watch_flush(RadosClusterHandle cluster);

        /// <summary>The same, on the raw handle, for release code that must not touch a disposed SafeHandle.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_watch_flush(nint cluster);

        /// <summary>On the raw handle: the caller holds a reference on the cluster through an io context.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static partial int rados_aio_watch_flush(nint cluster, nint completion);

        /// <summary>
        /// Sets <paramref name="reply"/> (free with <see cref="rados_buffer_free"/>) also when it returns -ETIMEDOUT.
        /// A <paramref name="timeoutMilliseconds"/> of 0 means <c>client_notify_timeout</c>.
        /// </summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_notify2(
            RadosIoContextHandle ioContext, string oid, byte* buffer, int length, ulong timeoutMilliseconds,
            out byte* reply, out nuint replyLength);

        /// <summary>The reply pointers are written when the completion completes, so they must outlive the call.</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_aio_notify(
            RadosIoContextHandle ioContext, string oid, nint completion, byte* buffer, int length, ulong timeoutMilliseconds,
            byte** reply, nuint* replyLength);

        /// <summary>Queues the ack and returns at once (0).</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_notify_ack(
            RadosIoContextHandle ioContext, string oid, ulong notifyId, ulong cookie, byte* buffer, int length);

        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial void rados_buffer_free(byte* buffer);

        /// <summary>
        /// <c>int librados::IoCtx::list_watchers(const std::string&amp; oid, std::list&lt;obj_watch_t&gt;* out)</c>
        /// (the C++ API; Pacific's C API has no <c>rados_list_watchers</c>). The mangled name pins the GCC C++11
        /// ABI of <c>std::string</c> and <c>std::list</c>, whose layouts <see cref="CxxString"/> and
        /// <see cref="CxxList"/> mirror; <paramref name="self"/> points at an <c>IoCtx</c>, which is just the
        /// <c>rados_ioctx_t</c> pointer.
        /// </summary>
        [LibraryImport(Libraries.Rados, EntryPoint = "_ZN8librados7v14_2_05IoCtx13list_watchersERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEEPNS2_4listI11obj_watch_tSaISB_EEE")]
        internal static unsafe partial int IoCtx_list_watchers(nint* self, CxxString* oid, CxxList* watchers);

        /// <summary><c>std::string</c> (GCC C++11 ABI): data pointer, length, then the capacity (or the short-string buffer).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct CxxString
        {
            internal byte* Data;
            internal nuint Length;
            internal nuint Capacity;
            internal nuint Unused;
        }

        /// <summary>A node link of <c>std::list</c>; a node's value follows its two links.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct CxxListNode
        {
            internal CxxListNode* Next;
            internal CxxListNode* Previous;
        }

        /// <summary><c>std::list</c> (GCC C++11 ABI): the sentinel node, then the size. Empty when both links point at the sentinel.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct CxxList
        {
            internal CxxListNode Sentinel;
            internal nuint Size;
        }

        /// <summary><c>struct obj_watch_t</c> (<c>rados/rados_types.h</c>).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ObjWatch
        {
            internal fixed byte Address[256];
            internal long WatcherId;
            internal ulong Cookie;
            internal uint TimeoutSeconds;
        }
    }

    internal static partial class StdCxx
    {
        static StdCxx() => EnsureResolverInstalled();

        /// <summary><c>operator delete(void*)</c>, which frees what librados' <c>std::list</c> allocated.</summary>
        [LibraryImport(Libraries.StdCxx, EntryPoint = "_ZdlPv")]
        internal static unsafe partial void OperatorDelete(void* pointer);
    }
}
