namespace StorageKit.Gluster;

/// <summary>Operations on paths: stat, permissions, times, links, rename, remove and open.</summary>
public partial interface IGlusterVolume
{
    /// <summary>Status of the file <paramref name="path"/> names, following symbolic links (<c>glfs_stat</c>).</summary>
    GlusterStat Stat(string path);

    /// <summary>Status of <paramref name="path"/> itself, not following a final symbolic link (<c>glfs_lstat</c>).</summary>
    GlusterStat LStat(string path);

    /// <summary>
    /// Whether the caller may access <paramref name="path"/> as <paramref name="mode"/> asks (<c>glfs_access</c>);
    /// false on any refusal, including a missing path, like the python binding.
    /// </summary>
    bool Access(string path, GlusterAccessMode mode);

    /// <summary>The canonical absolute path: links, <c>.</c> and <c>..</c> resolved (<c>glfs_realpath</c>).</summary>
    string RealPath(string path);

    /// <summary>Sets the permission bits (<c>glfs_chmod</c>).</summary>
    void Chmod(string path, UnixFileMode mode);

    /// <summary>Sets owner and group (<c>glfs_chown</c>); -1 leaves one unchanged.</summary>
    void Chown(string path, int uid, int gid);

    /// <summary>
    /// Sets access and modification times (<c>glfs_utimens</c>); a null time means "now", so both null is
    /// <c>touch</c>.
    /// </summary>
    void SetTimes(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime);

    /// <summary>Cuts or extends the file to <paramref name="length"/> bytes (<c>glfs_truncate</c>).</summary>
    void Truncate(string path, long length);

    /// <summary>Makes <paramref name="linkName"/> a hard link to <paramref name="source"/> (<c>glfs_link</c>).</summary>
    void Link(string source, string linkName);

    /// <summary>Makes <paramref name="linkName"/> a symbolic link holding <paramref name="target"/> (<c>glfs_symlink</c>).</summary>
    void Symlink(string target, string linkName);

    /// <summary>The target stored in the symbolic link <paramref name="path"/> (<c>glfs_readlink</c>).</summary>
    string ReadLink(string path);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, replacing a file there (<c>glfs_rename</c>).</summary>
    void Rename(string source, string destination);

    /// <summary>Removes a name that is not a directory (<c>glfs_unlink</c>).</summary>
    void Unlink(string path);

    /// <summary>Creates a file system node: regular file, FIFO, socket or device (<c>glfs_mknod</c>).</summary>
    void MakeNode(string path, GlusterFileType type, UnixFileMode permissions, ulong device = 0);

    /// <summary>
    /// Opens (<c>glfs_open</c>) or, with <see cref="GlusterOpenFlags.Create"/>, creates (<c>glfs_creat</c>) a
    /// file; <paramref name="mode"/> applies to a created file.
    /// </summary>
    IGlusterFile Open(string path, GlusterOpenFlags flags, UnixFileMode mode = GlusterPath.DefaultMode);
}
