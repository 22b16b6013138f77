using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// The P/Invoke entry points of the kit, one nested class per C library. The static constructor
/// installs the assembly's single <see cref="DllImportResolver"/>; every nested class touches
/// <see cref="EnsureResolverInstalled"/> from its own static constructor, so the resolver is in place
/// before the first import is bound.
/// </summary>
internal static partial class Interop
{
    private static readonly ConcurrentDictionary<string, nint> _loadedLibraries = new(StringComparer.Ordinal);

    static Interop() => NativeLibrary.SetDllImportResolver(typeof(Interop).Assembly, ResolveLibrary);

    /// <summary>The names the imports use, and where each library comes from.</summary>
    internal static class Libraries
    {
        /// <summary>librados (Ceph RADOS client), soname <c>librados.so.2</c>.</summary>
        internal const string Rados = "librados";

        /// <summary>
        /// The GNU C++ runtime librados is built with, for the one C++ entry point the kit calls
        /// (<c>IoCtx::list_watchers</c>, which Pacific's C API lacks): its nodes are freed with its <c>operator delete</c>.
        /// </summary>
        internal const string StdCxx = "libstdc++";

        /// <summary>librbd (Ceph block device client), soname <c>librbd.so.1</c>.</summary>
        internal const string Rbd = "librbd";

        /// <summary>libgfapi (GlusterFS client), soname <c>libgfapi.so.0</c>.</summary>
        internal const string Gfapi = "libgfapi";

        /// <summary>The C library, for the process credentials libgfapi falls back to (<c>geteuid</c>, <c>getegid</c>).</summary>
        internal const string Libc = "libc";

        /// <summary>libnbd (NBD client library), soname <c>libnbd.so.0</c>.</summary>
        internal const string Nbd = "libnbd";

        /// <summary>File names to try, versioned soname first, and the Debian package that ships them.</summary>
        internal static readonly IReadOnlyDictionary<string, (string[] FileNames, string DebianPackage)> Known =
            new Dictionary<string, (string[], string)>(StringComparer.Ordinal)
            {
                [Rados] = (["librados.so.2", "librados.so"], "librados2"),
                [StdCxx] = (["libstdc++.so.6"], "libstdc++6"),
                [Rbd] = (["librbd.so.1", "librbd.so"], "librbd1"),
                [Gfapi] = (["libgfapi.so.0", "libgfapi.so"], "libgfapi0"),
                [Libc] = (["libc.so.6"], "libc6"),
                [Nbd] = (["libnbd.so.0", "libnbd.so"], "libnbd0"),
            };
    }

    /// <summary>Does nothing but run the static constructor (which installs the resolver) once.</summary>
    internal static void EnsureResolverInstalled()
    {
    }

    /// <summary>
    /// Loads <paramref name="libraryName"/> now, so a missing library surfaces as a
    /// <see cref="NativeLibraryNotFoundException"/> naming the Debian package instead of a bare
    /// <see cref="DllNotFoundException"/> at some later call.
    /// </summary>
    internal static void EnsureLoaded(string libraryName)
    {
        if (!TryLoad(libraryName, out _))
        {
            var (fileNames, debianPackage) = Libraries.Known[libraryName];
            throw new NativeLibraryNotFoundException(libraryName, debianPackage, fileNames);
        }
    }

    private static nint ResolveLibrary(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => TryLoad(libraryName, out nint handle) ? handle : 0;

    private static bool TryLoad(string libraryName, out nint handle)
    {
        if (_loadedLibraries.TryGetValue(libraryName, out handle))
        {
            return true;
        }

        if (!Libraries.Known.TryGetValue(libraryName, out var library))
        {
            return false;
        }

        foreach (string fileName in library.FileNames)
        {
            if (NativeLibrary.TryLoad(fileName, out handle))
            {
                // A racing loader gets the same handle back from the OS; keeping either is fine.
                handle = _loadedLibraries.GetOrAdd(libraryName, handle);
                return true;
            }
        }

        return false;
    }
}
