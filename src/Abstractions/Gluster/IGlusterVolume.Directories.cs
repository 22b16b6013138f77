namespace StorageKit.Gluster;

/// <summary>Directories: create, remove, read.</summary>
public partial interface IGlusterVolume
{
    /// <summary>Creates the directory <paramref name="path"/> (<c>glfs_mkdir</c>); its parent must exist.</summary>
    void CreateDirectory(string path, UnixFileMode mode = GlusterPath.DefaultMode);

    /// <summary>Removes the empty directory <paramref name="path"/> (<c>glfs_rmdir</c>).</summary>
    void RemoveDirectory(string path);

    /// <summary>
    /// Opens a directory for reading (<c>glfs_opendir</c>). With <paramref name="withStat"/> every entry carries
    /// its <c>lstat</c> (<c>glfs_readdirplus_r</c>).
    /// </summary>
    IGlusterDirectory OpenDirectory(string path, bool withStat = false);
}
