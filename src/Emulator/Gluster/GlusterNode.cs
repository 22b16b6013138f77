using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>
/// One inode of an emulated volume: a directory, regular file, symbolic link or special file. Every field is
/// guarded by the volume's lock.
/// </summary>
internal sealed class GlusterNode
{
    public GlusterNode(ulong inode, GlusterFileType type, uint permissions, int uid, int gid, DateTimeOffset now)
    {
        Inode = inode;
        Type = type;
        Permissions = permissions & 0xFFF;
        UserId = uid;
        GroupId = gid;
        AccessTime = now;
        ModificationTime = now;
        ChangeTime = now;
        if (type == GlusterFileType.Directory)
        {
            Entries = new GlusterDirectoryTable();
        }
        else if (type == GlusterFileType.RegularFile)
        {
            Data = new GlusterFileData();
        }
    }

    /// <summary><c>st_ino</c>: GlusterFS derives it from the GFID; unique per volume, 1 for the root.</summary>
    public ulong Inode { get; }

    public GlusterFileType Type { get; }

    /// <summary>The twelve permission bits (rwx for owner, group, others, plus set-id and sticky).</summary>
    public uint Permissions { get; set; }

    public int UserId { get; set; }

    public int GroupId { get; set; }

    public ulong SpecialDevice { get; set; }

    /// <summary>Names pointing at a non-directory; for a directory see <see cref="LinkCount"/>.</summary>
    public int HardLinks { get; set; } = 1;

    /// <summary>Subdirectories of a directory (each one's <c>..</c> links back here).</summary>
    public int Subdirectories { get; set; }

    public DateTimeOffset AccessTime { get; set; }

    public DateTimeOffset ModificationTime { get; set; }

    public DateTimeOffset ChangeTime { get; set; }

    /// <summary>The entries of a directory; null for other types.</summary>
    public GlusterDirectoryTable? Entries { get; }

    /// <summary>For a directory: the directory holding it (the root is its own parent); null once removed.</summary>
    public GlusterNode? Parent { get; set; }

    /// <summary>For a directory: its name in <see cref="Parent"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The bytes of a regular file; null for other types.</summary>
    public GlusterFileData? Data { get; }

    /// <summary>Size of a regular file in bytes.</summary>
    public long Size { get; set; }

    /// <summary>The target of a symbolic link.</summary>
    public string? Target { get; set; }

    /// <summary>Extended attributes, created on first use.</summary>
    public Dictionary<string, byte[]>? Xattrs { get; set; }

    /// <summary>
    /// A write that write-behind acknowledged but the brick refused: its errno waits here (write-behind keeps it
    /// per inode) for the next call that write-behind orders after the write, on any fd or path (measured).
    /// </summary>
    public Errno PendingWriteError { get; set; }

    /// <summary>Open files and directories on the node (an unlinked node lives until the last closes).</summary>
    public int OpenCount { get; set; }

    /// <summary>True once the last name is gone (open handles keep the node alive).</summary>
    public bool Removed { get; set; }

    public bool IsDirectory => Type == GlusterFileType.Directory;

    public bool IsSymlink => Type == GlusterFileType.SymbolicLink;

    /// <summary><c>st_nlink</c>: 2 plus subdirectories for a directory, the name count otherwise.</summary>
    public ulong LinkCount => IsDirectory ? (Removed ? 0UL : (ulong)(2 + Subdirectories)) : (ulong)HardLinks;

    public uint Mode => (uint)Type | Permissions;

    /// <summary>Updates mtime and ctime (content change).</summary>
    public void Modified(DateTimeOffset now)
    {
        ModificationTime = now;
        ChangeTime = now;
    }
}
