namespace StorageKit.Gluster;

/// <summary>
/// An open file of a volume (<c>glfs_fd_t</c>). Reads and writes without an offset use and move the file
/// position. Unlike POSIX <c>pread</c>/<c>pwrite</c>, <c>ReadAt</c>/<c>WriteAt</c> (<c>glfs_pread</c>/<c>glfs_pwrite</c>) also move the position to
/// the end of the bytes they moved (measured on GlusterFS 10.3). After <see cref="Close"/> (or
/// <see cref="IDisposable.Dispose"/>) every member but <see cref="IsClosed"/>, <see cref="Name"/> and
/// <see cref="Flags"/> throws <see cref="ObjectDisposedException"/>.
/// </summary>
public interface IGlusterFile : IDisposable
{
    /// <summary>The path the file was opened with.</summary>
    string Name { get; }

    /// <summary>The flags the file was opened with.</summary>
    GlusterOpenFlags Flags { get; }

    /// <summary>True once closed.</summary>
    bool IsClosed { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at the position and advances it (<c>glfs_read</c>); 0 at the end.</summary>
    int Read(Span<byte> buffer);

    /// <summary>Writes <paramref name="data"/> at the position (or the end, for append) and advances it (<c>glfs_write</c>).</summary>
    int Write(ReadOnlySpan<byte> data);

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/> (<c>glfs_pread</c>); 0 past the end.</summary>
    int ReadAt(Span<byte> buffer, long offset);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (<c>glfs_pwrite</c>); a gap becomes a hole.</summary>
    int WriteAt(ReadOnlySpan<byte> data, long offset);

    /// <summary>Moves the position (<c>glfs_lseek</c>) and returns the new one; <see cref="GlusterSeekOrigin.Data"/> and <see cref="GlusterSeekOrigin.Hole"/> find data and holes.</summary>
    long Seek(long offset, GlusterSeekOrigin origin);

    /// <summary>Flushes data and metadata to the bricks (<c>glfs_fsync</c>).</summary>
    void Sync();

    /// <summary>Flushes data, and only the metadata needed to read it (<c>glfs_fdatasync</c>).</summary>
    void DataSync();

    /// <summary>Cuts or extends the file to <paramref name="length"/> bytes (<c>glfs_ftruncate</c>).</summary>
    void Truncate(long length);

    /// <summary>Allocates (or with flags punches or zeroes) a byte range (<c>glfs_fallocate</c>).</summary>
    void Allocate(long offset, long length, GlusterAllocateMode mode = GlusterAllocateMode.None);

    /// <summary>Deallocates a byte range, which then reads as zeros (<c>glfs_discard</c>; the size stays).</summary>
    void Discard(long offset, long length);

    /// <summary>Writes zeros over a byte range (<c>glfs_zerofill</c>).</summary>
    void ZeroFill(long offset, long length);

    /// <summary>Status of the open file (<c>glfs_fstat</c>).</summary>
    GlusterStat Stat();

    /// <summary>Sets the permission bits (<c>glfs_fchmod</c>).</summary>
    void Chmod(UnixFileMode mode);

    /// <summary>Sets owner and group (<c>glfs_fchown</c>); -1 leaves one unchanged.</summary>
    void Chown(int uid, int gid);

    /// <summary>Sets access and modification times (<c>glfs_futimens</c>); null means "now".</summary>
    void SetTimes(DateTimeOffset? accessTime, DateTimeOffset? modificationTime);

    /// <summary>Copies an attribute's value into <paramref name="buffer"/> and returns its length (<c>glfs_fgetxattr</c>); an empty buffer asks for the length.</summary>
    int GetXattr(string name, Span<byte> buffer);

    /// <summary>The names of the file's attributes (<c>glfs_flistxattr</c>).</summary>
    IReadOnlyList<string> ListXattrs();

    /// <summary>Sets an attribute (<c>glfs_fsetxattr</c>).</summary>
    void SetXattr(string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags = GlusterXattrFlags.None);

    /// <summary>Removes an attribute (<c>glfs_fremovexattr</c>).</summary>
    void RemoveXattr(string name);

    /// <summary>A second handle on the same open file (<c>glfs_dup</c>); on GlusterFS 10.3 it has a position of its own, starting at 0.</summary>
    IGlusterFile Duplicate();

    /// <summary>Closes the file (<c>glfs_close</c>); closing twice does nothing.</summary>
    void Close();
}
