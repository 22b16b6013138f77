using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Gluster
    {
        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial nint glfs_new(string volumeName);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_set_volfile_server(nint fs, string transport, string host, int port);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_set_logging(nint fs, string? logFile, int logLevel);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_init(nint fs);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_fini(nint fs);

        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial int glfs_get_volumeid(nint fs, byte* volumeId, nuint size);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int glfs_statvfs(nint fs, string path, StatVfs* buffer);

        /// <summary>Sets the calling thread's fsuid for every later call of that thread (thread-local in libgfapi).</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_setfsuid(uint uid);

        /// <summary>Sets the calling thread's fsgid (thread-local, like <see cref="glfs_setfsuid"/>).</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static partial int glfs_setfsgid(uint gid);

        [LibraryImport(Libraries.Gfapi, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int glfs_chdir(nint fs, string path);

        /// <summary>Returns <paramref name="buffer"/>, or null with ERANGE when it is too small.</summary>
        [LibraryImport(Libraries.Gfapi, SetLastError = true)]
        internal static unsafe partial byte* glfs_getcwd(nint fs, byte* buffer, nuint size);
    }

    /// <summary>The process credentials libgfapi uses for a thread that never called <c>glfs_setfsuid</c>/<c>glfs_setfsgid</c>.</summary>
    internal static partial class Libc
    {
        static Libc() => EnsureResolverInstalled();

        [LibraryImport(Libraries.Libc)]
        internal static partial uint geteuid();

        [LibraryImport(Libraries.Libc)]
        internal static partial uint getegid();
    }
}
