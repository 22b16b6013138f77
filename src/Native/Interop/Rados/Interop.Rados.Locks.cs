using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        /// <summary>A null <paramref name="duration"/> holds the lock for ever.</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_lock_exclusive(
            RadosIoContextHandle ioContext, string oid, string name, string cookie, string description, TimeVal* duration, byte flags);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rados_lock_shared(
            RadosIoContextHandle ioContext, string oid, string name, string cookie, string tag, string description, TimeVal* duration, byte flags);

        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_unlock(RadosIoContextHandle ioContext, string oid, string name, string cookie);

        /// <summary>EINVAL when <paramref name="client"/> is not an entity name (parsed before anything is sent).</summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rados_break_lock(RadosIoContextHandle ioContext, string oid, string name, string client, string cookie);

        /// <summary>
        /// Returns the number of holders; the three lists are NUL-separated. -ERANGE when a buffer is short, with
        /// every length set to what it needs.
        /// </summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint rados_list_lockers(
            RadosIoContextHandle ioContext, string oid, string name, out int exclusive,
            byte* tag, ref nuint tagLength, byte* clients, ref nuint clientsLength,
            byte* cookies, ref nuint cookiesLength, byte* addresses, ref nuint addressesLength);

        /// <summary><c>struct timeval</c> on 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TimeVal
        {
            internal long Seconds;
            internal long Microseconds;
        }
    }
}
