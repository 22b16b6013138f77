namespace StorageKit.Gluster;

/// <summary>
/// A GlusterFS volume seen through libgfapi (<c>glfs_t</c>): mount state, identity and working directory, and
/// every path operation. Paths are POSIX paths inside the volume; relative ones start at
/// <see cref="GetCurrentDirectory"/>. Errors are <see cref="StorageException"/>s carrying libgfapi's errno; bad
/// arguments (null, embedded NUL, negative sizes) are <see cref="ArgumentException"/>s; any use after
/// <see cref="IDisposable.Dispose"/> is an <see cref="ObjectDisposedException"/>, and path operations on an
/// unmounted volume are <see cref="StorageNotConnectedException"/> (ENOTCONN).
/// Convenience calls written once over this interface (exists, isdir, makedirs, walk, rmtree, copy, copytree,
/// ...) are in <see cref="GlusterVolumeExtensions"/>.
/// </summary>
public partial interface IGlusterVolume : IDisposable
{
    /// <summary>The options the handle was made with.</summary>
    GlusterVolumeOptions Options { get; }

    /// <summary>True between <see cref="Mount"/> and <see cref="Unmount"/>.</summary>
    bool IsMounted { get; }

    /// <summary>Connects to the volume (<c>glfs_init</c>). Mounting a mounted volume does nothing.</summary>
    /// <exception cref="StorageNotFoundException">The volume does not exist.</exception>
    void Mount();

    /// <summary>Disconnects (<c>glfs_fini</c>); open files and directories become unusable. Idempotent.</summary>
    void Unmount();

    /// <summary>Changes where the client logs (<c>glfs_set_logging</c>); before or after mounting.</summary>
    void SetLogging(string? logFile, int logLevel);

    /// <summary>The volume's UUID (<c>glfs_get_volumeid</c>).</summary>
    Guid GetVolumeId();

    /// <summary>File system statistics of the volume holding <paramref name="path"/> (<c>glfs_statvfs</c>).</summary>
    GlusterStatVfs StatVfs(string path);

    /// <summary>
    /// The user id permission checks and new files use from now on, for every call made through this handle
    /// (<c>glfs_setfsuid</c>, which libgfapi keeps per thread; the kit applies it to each call instead).
    /// </summary>
    void SetFsUid(int uid);

    /// <summary>The group id permission checks and new files use (<c>glfs_setfsgid</c>); see <see cref="SetFsUid"/>.</summary>
    void SetFsGid(int gid);

    /// <summary>Changes the working directory relative paths start at (<c>glfs_chdir</c>).</summary>
    void ChangeDirectory(string path);

    /// <summary>The working directory (<c>glfs_getcwd</c>); <c>/</c> after mounting.</summary>
    string GetCurrentDirectory();
}
