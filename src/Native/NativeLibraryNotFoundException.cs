namespace StorageKit.Native;

/// <summary>
/// A native client library the kit needs (for example <c>librados.so.2</c>) could not be loaded.
/// The message and <see cref="DebianPackage"/> name the package that provides it.
/// </summary>
public sealed class NativeLibraryNotFoundException : DllNotFoundException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public NativeLibraryNotFoundException()
        : this("A native client library could not be loaded.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public NativeLibraryNotFoundException(string message)
        : base(message)
    {
        LibraryName = "";
        DebianPackage = "";
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the cause.</summary>
    public NativeLibraryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        LibraryName = "";
        DebianPackage = "";
    }

    /// <summary>Creates the exception for <paramref name="libraryName"/>, tried under <paramref name="fileNames"/>.</summary>
    public NativeLibraryNotFoundException(string libraryName, string debianPackage, IEnumerable<string> fileNames)
        : base($"The native library {libraryName} could not be loaded (tried {string.Join(", ", fileNames ?? [])}). " +
               $"Install it, for example with 'apt-get install {debianPackage}' on Debian or Ubuntu.")
    {
        LibraryName = libraryName;
        DebianPackage = debianPackage;
    }

    /// <summary>The library name the imports use, for example <c>librados</c>.</summary>
    public string LibraryName { get; }

    /// <summary>The Debian package that installs the library, for example <c>librados2</c>.</summary>
    public string DebianPackage { get; }
}
