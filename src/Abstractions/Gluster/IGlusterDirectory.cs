namespace StorageKit.Gluster;

/// <summary>
/// An open directory (<c>glfs_fd_t</c> from <c>glfs_opendir</c>). Enumerating it reads the remaining entries,
/// including <c>.</c> and <c>..</c>, in the order the volume returns them.
/// </summary>
public interface IGlusterDirectory : IEnumerable<GlusterDirectoryEntry>, IDisposable
{
    /// <summary>The path the directory was opened with.</summary>
    string Path { get; }

    /// <summary>True when entries carry their <c>lstat</c> (opened with stat).</summary>
    bool WithStat { get; }

    /// <summary>True once closed.</summary>
    bool IsClosed { get; }

    /// <summary>The next entry (<c>glfs_readdir_r</c>/<c>glfs_readdirplus_r</c>), or null at the end.</summary>
    GlusterDirectoryEntry? ReadNext();

    /// <summary>The position of the next entry (<c>glfs_telldir</c>), for <see cref="Seek"/>.</summary>
    long Tell();

    /// <summary>Goes back (or forward) to a position <see cref="Tell"/> returned (<c>glfs_seekdir</c>); 0 is the start.</summary>
    void Seek(long position);

    /// <summary>Closes the directory (<c>glfs_closedir</c>); closing twice does nothing.</summary>
    void Close();
}
