namespace StorageKit.Gluster;

/// <summary>The <c>struct stat</c> of a path or open file, as <c>glfs_stat</c>/<c>glfs_lstat</c>/<c>glfs_fstat</c> return it.</summary>
/// <param name="Device">Device of the containing file system (<c>st_dev</c>).</param>
/// <param name="Inode">Inode number (<c>st_ino</c>; GlusterFS derives it from the file's GFID).</param>
/// <param name="Mode">Type and permission bits (<c>st_mode</c>).</param>
/// <param name="LinkCount">Number of hard links (<c>st_nlink</c>).</param>
/// <param name="UserId">Owner (<c>st_uid</c>).</param>
/// <param name="GroupId">Group (<c>st_gid</c>).</param>
/// <param name="SpecialDevice">Device number of a device node (<c>st_rdev</c>).</param>
/// <param name="Size">Size in bytes (<c>st_size</c>); the target's length for a symbolic link.</param>
/// <param name="BlockSize">Preferred I/O size (<c>st_blksize</c>).</param>
/// <param name="Blocks">Allocated 512-byte blocks (<c>st_blocks</c>).</param>
/// <param name="AccessTime">Last access (<c>st_atim</c>).</param>
/// <param name="ModificationTime">Last content change (<c>st_mtim</c>).</param>
/// <param name="ChangeTime">Last content or inode change (<c>st_ctim</c>).</param>
public sealed record GlusterStat(
    ulong Device,
    ulong Inode,
    uint Mode,
    ulong LinkCount,
    int UserId,
    int GroupId,
    ulong SpecialDevice,
    long Size,
    long BlockSize,
    long Blocks,
    DateTimeOffset AccessTime,
    DateTimeOffset ModificationTime,
    DateTimeOffset ChangeTime)
{
    /// <summary>The type bits of <see cref="Mode"/>.</summary>
    public GlusterFileType FileType => (GlusterFileType)(Mode & 0xF000);

    /// <summary>The permission bits of <see cref="Mode"/> (including set-user-id, set-group-id and sticky).</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => FileType == GlusterFileType.Directory;

    /// <summary>True for a regular file.</summary>
    public bool IsRegularFile => FileType == GlusterFileType.RegularFile;

    /// <summary>True for a symbolic link (only <c>lstat</c> reports one).</summary>
    public bool IsSymbolicLink => FileType == GlusterFileType.SymbolicLink;
}

/// <summary>File system statistics of a volume (<c>struct statvfs</c> from <c>glfs_statvfs</c>).</summary>
/// <param name="BlockSize">File system block size (<c>f_bsize</c>).</param>
/// <param name="FragmentSize">Fragment size, the unit of the block counts (<c>f_frsize</c>).</param>
/// <param name="Blocks">Size of the file system in fragments (<c>f_blocks</c>).</param>
/// <param name="BlocksFree">Free fragments (<c>f_bfree</c>).</param>
/// <param name="BlocksAvailable">Free fragments for unprivileged users (<c>f_bavail</c>).</param>
/// <param name="Files">Inodes (<c>f_files</c>).</param>
/// <param name="FilesFree">Free inodes (<c>f_ffree</c>).</param>
/// <param name="FilesAvailable">Free inodes for unprivileged users (<c>f_favail</c>).</param>
/// <param name="FileSystemId">File system id (<c>f_fsid</c>).</param>
/// <param name="Flags">Mount flags (<c>f_flag</c>, <c>ST_RDONLY</c>=1, <c>ST_NOSUID</c>=2, ...).</param>
/// <param name="MaxNameLength">Longest file name component (<c>f_namemax</c>).</param>
public sealed record GlusterStatVfs(
    ulong BlockSize,
    ulong FragmentSize,
    ulong Blocks,
    ulong BlocksFree,
    ulong BlocksAvailable,
    ulong Files,
    ulong FilesFree,
    ulong FilesAvailable,
    ulong FileSystemId,
    ulong Flags,
    ulong MaxNameLength);
