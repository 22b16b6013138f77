namespace StorageKit.Gluster;

/// <summary>Flags of <c>glfs_open</c>/<c>glfs_creat</c>, with the Linux x86-64 values of <c>O_*</c>.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1008:Enums should have zero value", Justification = "O_RDONLY is 0, as in C.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "open(2) calls them flags.")]
public enum GlusterOpenFlags
{
    /// <summary>Open for reading only (<c>O_RDONLY</c>).</summary>
    ReadOnly = 0,

    /// <summary>Open for writing only (<c>O_WRONLY</c>).</summary>
    WriteOnly = 0x1,

    /// <summary>Open for reading and writing (<c>O_RDWR</c>).</summary>
    ReadWrite = 0x2,

    /// <summary>Create the file if missing (<c>O_CREAT</c>); the mode argument applies then.</summary>
    Create = 0x40,

    /// <summary>With <see cref="Create"/>: fail with EEXIST when the name exists (<c>O_EXCL</c>).</summary>
    Exclusive = 0x80,

    /// <summary>Truncate a regular file to length 0 (<c>O_TRUNC</c>).</summary>
    Truncate = 0x200,

    /// <summary>Every write goes to the end of the file (<c>O_APPEND</c>).</summary>
    Append = 0x400,

    /// <summary>Non-blocking I/O (<c>O_NONBLOCK</c>).</summary>
    NonBlocking = 0x800,

    /// <summary>Writes complete with data integrity (<c>O_DSYNC</c>).</summary>
    DataSync = 0x1000,

    /// <summary>Bypass caches (<c>O_DIRECT</c>).</summary>
    Direct = 0x4000,

    /// <summary>Fail with ENOTDIR unless the path is a directory (<c>O_DIRECTORY</c>).</summary>
    Directory = 0x10000,

    /// <summary>Fail with ELOOP when the last component is a symbolic link (<c>O_NOFOLLOW</c>).</summary>
    NoFollow = 0x20000,

    /// <summary>Do not update the access time (<c>O_NOATIME</c>).</summary>
    NoAccessTime = 0x40000,

    /// <summary>Writes complete with file integrity (<c>O_SYNC</c>, which includes <see cref="DataSync"/>).</summary>
    Sync = 0x101000,
}

/// <summary>What <see cref="IGlusterVolume.Access"/> tests (<c>F_OK</c>, <c>R_OK</c>, <c>W_OK</c>, <c>X_OK</c>).</summary>
[Flags]
public enum GlusterAccessMode
{
    /// <summary>The path exists (<c>F_OK</c>).</summary>
    Exists = 0,

    /// <summary>Execute or search permission (<c>X_OK</c>).</summary>
    Execute = 1,

    /// <summary>Write permission (<c>W_OK</c>).</summary>
    Write = 2,

    /// <summary>Read permission (<c>R_OK</c>).</summary>
    Read = 4,
}

/// <summary>Flags of <c>glfs_setxattr</c>.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "setxattr(2) calls them flags.")]
public enum GlusterXattrFlags
{
    /// <summary>Create the attribute or replace its value.</summary>
    None = 0,

    /// <summary>Fail with EEXIST when the attribute exists (<c>XATTR_CREATE</c>).</summary>
    Create = 1,

    /// <summary>Fail with ENODATA when the attribute is missing (<c>XATTR_REPLACE</c>).</summary>
    Replace = 2,
}

/// <summary>The <c>whence</c> of <c>glfs_lseek</c>.</summary>
public enum GlusterSeekOrigin
{
    /// <summary>From the start of the file (<c>SEEK_SET</c>).</summary>
    Begin = 0,

    /// <summary>From the current position (<c>SEEK_CUR</c>).</summary>
    Current = 1,

    /// <summary>From the end of the file (<c>SEEK_END</c>).</summary>
    End = 2,

    /// <summary>To the next data at or after the offset (<c>SEEK_DATA</c>); ENXIO at or past the end.</summary>
    Data = 3,

    /// <summary>To the next hole at or after the offset (<c>SEEK_HOLE</c>); the end of the file counts as a hole.</summary>
    Hole = 4,
}

/// <summary>The <c>mode</c> of <c>glfs_fallocate</c> (Linux <c>FALLOC_FL_*</c>).</summary>
[Flags]
public enum GlusterAllocateMode
{
    /// <summary>Allocate and extend the file size when the range ends past it.</summary>
    None = 0,

    /// <summary>Allocate without changing the file size (<c>FALLOC_FL_KEEP_SIZE</c>).</summary>
    KeepSize = 0x1,

    /// <summary>Deallocate the range (<c>FALLOC_FL_PUNCH_HOLE</c>, needs <see cref="KeepSize"/>).</summary>
    PunchHole = 0x2,

    /// <summary>Zero the range (<c>FALLOC_FL_ZERO_RANGE</c>).</summary>
    ZeroRange = 0x10,
}
