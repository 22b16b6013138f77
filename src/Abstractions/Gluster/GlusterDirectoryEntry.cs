namespace StorageKit.Gluster;

/// <summary>
/// One entry read from a directory (<c>struct dirent</c>, plus its <c>lstat</c> when the directory was opened
/// with stat). Like the python binding's <c>DirEntry</c>, the type questions do not follow symbolic links unless
/// asked to, and then they cost a <c>stat</c> of <see cref="Path"/>.
/// </summary>
public sealed class GlusterDirectoryEntry
{
    private readonly IGlusterVolume _volume;

    /// <summary>An entry named <paramref name="name"/> of the directory <paramref name="directoryPath"/>.</summary>
    /// <param name="volume">The volume the directory was read from (used when following symbolic links).</param>
    /// <param name="directoryPath">The path the directory was opened with.</param>
    /// <param name="name">The entry's name (<c>d_name</c>).</param>
    /// <param name="inode">The entry's inode (<c>d_ino</c>).</param>
    /// <param name="type">The entry's type (<c>d_type</c>).</param>
    /// <param name="stat">The entry's <c>lstat</c> when read with stat (readdirplus), else null.</param>
    public GlusterDirectoryEntry(IGlusterVolume volume, string directoryPath, string name, ulong inode, GlusterFileType type, GlusterStat? stat)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(directoryPath);
        ArgumentNullException.ThrowIfNull(name);
        _volume = volume;
        Name = name;
        Path = GlusterPath.Join(directoryPath, name);
        Inode = inode;
        Type = stat?.FileType ?? type;
        LinkStat = stat;
    }

    /// <summary>The entry's base name.</summary>
    public string Name { get; }

    /// <summary>The directory's path joined with <see cref="Name"/> (absolute only when the directory path was).</summary>
    public string Path { get; }

    /// <summary>The inode number.</summary>
    public ulong Inode { get; }

    /// <summary>The entry's own type (a symbolic link is <see cref="GlusterFileType.SymbolicLink"/>).</summary>
    public GlusterFileType Type { get; }

    /// <summary>The entry's <c>lstat</c> when the directory was read with stat; null otherwise.</summary>
    public GlusterStat? LinkStat { get; }

    /// <summary>True for a directory; with <paramref name="followSymlinks"/>, also for a link to one. False when it is gone.</summary>
    public bool IsDirectory(bool followSymlinks = false) => TypeOf(followSymlinks) == GlusterFileType.Directory;

    /// <summary>True for a regular file; with <paramref name="followSymlinks"/>, also for a link to one. False when it is gone.</summary>
    public bool IsFile(bool followSymlinks = false) => TypeOf(followSymlinks) == GlusterFileType.RegularFile;

    /// <summary>True for a symbolic link, even a broken one.</summary>
    public bool IsSymlink() => Type == GlusterFileType.SymbolicLink;

    /// <summary>The entry's <c>lstat</c> (or <c>stat</c> with <paramref name="followSymlinks"/>), read again unless it came with the entry.</summary>
    public GlusterStat Stat(bool followSymlinks = false)
        => followSymlinks ? _volume.Stat(Path) : LinkStat ?? _volume.LStat(Path);

    /// <inheritdoc />
    public override string ToString() => Path;

    private GlusterFileType TypeOf(bool followSymlinks)
    {
        if (!followSymlinks || Type != GlusterFileType.SymbolicLink)
        {
            return Type;
        }

        try
        {
            return _volume.Stat(Path).FileType;
        }
        catch (StorageException)
        {
            // A broken link or one that vanished is "not a directory/file", as in python's DirEntry.
            return GlusterFileType.Unknown;
        }
    }
}
