using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>
/// An open file of an emulated volume (a <c>glfs_fd_t</c>): a position of its own and the node it opened, which
/// keeps working after the name is unlinked or renamed. It mirrors libgfapi 10.3 as measured, quirks included:
/// positional reads and writes also move the position (<c>glfd-&gt;offset = offset + size</c>), a zero-length read
/// is EINVAL unless quick-read can answer it, reads work on a write-only file until open-behind really opens it (see
/// <see cref="OpenBehind"/>), and a write that the brick would refuse (read-only file, negative
/// offset, past the brick's maximum file size) is acknowledged by write-behind and its error reported by the
/// following calls on the inode instead, through any fd or path: reads, fstat, ftruncate, fallocate/discard/
/// zerofill, fchmod/fchown/futimens, chmod/chown/utimens and rename report it, fsync, ftruncate and close
/// report it once;
/// writes, lseek, stat, truncate, unlink and the xattr calls do not (measured).
/// </summary>
internal sealed class EmulatedGlusterFile : IGlusterFile
{
    /// <summary>
    /// Whom the fd calls (fchmod, fchown, futimens, f*xattr) are checked as: nobody. GlusterFS checks
    /// permissions when a file is opened, not on calls through the fd, which the brick then runs as root
    /// (measured: fsuid 1000 on a read-only fd of root's 0644 file may fchmod, fchown, futimens and fsetxattr).
    /// </summary>
    private static readonly GlusterCaller FdCaller = new(0, 0);

    /// <summary>quick-read's <c>max-file-size</c> default: larger files are not cached by the client.</summary>
    private const long QuickReadMaxFile = 64 * 1024;

    /// <summary>libgfapi refuses a single write of 1 GiB or more.</summary>
    private const long MaxWrite = 1L << 30;

    private readonly EmulatedGlusterVolume _volume;
    private readonly GlusterFileSystem _fs;
    private readonly GlusterNode _node;
    private readonly OpenBehind _open;
    private readonly int _generation;
    private long _position;
    private bool _closed;

    /// <param name="volume">The handle the file was opened through.</param>
    /// <param name="fs">The volume's tree.</param>
    /// <param name="node">The opened node.</param>
    /// <param name="name">The path it was opened with.</param>
    /// <param name="flags">The open flags.</param>
    /// <param name="created">True when the open created the file (then the brick opened it at once).</param>
    public EmulatedGlusterFile(EmulatedGlusterVolume volume, GlusterFileSystem fs, GlusterNode node, string name, GlusterOpenFlags flags, bool created)
        : this(volume, fs, node, name, flags, new OpenBehind { Opened = created })
    {
    }

    private EmulatedGlusterFile(EmulatedGlusterVolume volume, GlusterFileSystem fs, GlusterNode node, string name, GlusterOpenFlags flags, OpenBehind open)
    {
        _volume = volume;
        _fs = fs;
        _node = node;
        _open = open;
        _generation = volume.MountGeneration;
        Name = name;
        Flags = flags;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public GlusterOpenFlags Flags { get; }

    /// <inheritdoc />
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>True unless the access mode allows writing (O_RDONLY, and the invalid mode 3, which the brick refuses).</summary>
    private bool IsReadOnly => ((int)Flags & 3) is 0 or 3;

    /// <summary>True when the access mode allows reading (O_RDONLY or O_RDWR).</summary>
    private bool CanRead => ((int)Flags & 3) is 0 or 2;

    private bool IsAppend => (Flags & GlusterOpenFlags.Append) != 0;

    /// <inheritdoc />
    public int Read(Span<byte> buffer)
    {
        const string op = "glfs_read";
        lock (Enter(op))
        {
            return ReadLocked(buffer, _position, op);
        }
    }

    /// <inheritdoc />
    public int Write(ReadOnlySpan<byte> data)
    {
        const string op = "glfs_write";
        lock (Enter(op))
        {
            return WriteLocked(data, _position, op);
        }
    }

    /// <inheritdoc />
    public int ReadAt(Span<byte> buffer, long offset)
    {
        const string op = "glfs_pread";
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        lock (Enter(op))
        {
            return ReadLocked(buffer, offset, op);
        }
    }

    /// <inheritdoc />
    public int WriteAt(ReadOnlySpan<byte> data, long offset)
    {
        const string op = "glfs_pwrite";
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        lock (Enter(op))
        {
            return WriteLocked(data, offset, op);
        }
    }

    /// <inheritdoc />
    public long Seek(long offset, GlusterSeekOrigin origin)
    {
        const string op = "glfs_lseek";
        lock (Enter(op))
        {
            long size = _node.IsDirectory ? GlusterFileSystem.BlockSize : _node.Size;
            switch (origin)
            {
                case GlusterSeekOrigin.Begin:
                    _position = offset;
                    break;
                case GlusterSeekOrigin.Current:
                    _position = unchecked(_position + offset);
                    break;
                case GlusterSeekOrigin.End:
                    _position = unchecked(size + offset);
                    break;
                case GlusterSeekOrigin.Data:
                case GlusterSeekOrigin.Hole:
                    _position = SeekDataOrHole(offset, origin == GlusterSeekOrigin.Data, size, op);
                    break;
                default:
                    throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            // lseek stores any offset, even a negative one, and returns it: native callers see -N as a failure
            // that left no errno behind.
            return _position < 0 ? throw StorageErrors.Create(Errno.EIO, op, Name) : _position;
        }
    }

    /// <inheritdoc />
    public void Sync()
    {
        lock (Enter("glfs_fsync"))
        {
            _open.Opened = true;
            ThrowPending("glfs_fsync", clear: true);
        }
    }

    /// <inheritdoc />
    public void DataSync()
    {
        lock (Enter("glfs_fdatasync"))
        {
            _open.Opened = true;
            ThrowPending("glfs_fdatasync", clear: true);
        }
    }

    /// <inheritdoc />
    public void Truncate(long length)
    {
        const string op = "glfs_ftruncate";
        GlusterArguments.CheckNonNegative(length, nameof(length));
        lock (Enter(op))
        {
            _open.Opened = true;
            // write-behind reports a held error to ftruncate, and with that it is gone (measured).
            ThrowPending(op, clear: true);
            if (_node.Type != GlusterFileType.RegularFile || IsReadOnly)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            GlusterFileSystem.CheckFileSize(length, op, Name);
            _fs.Resize(_node, length);
        }
    }

    /// <inheritdoc />
    public void Allocate(long offset, long length, GlusterAllocateMode mode = GlusterAllocateMode.None)
    {
        const string op = "glfs_fallocate";
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        lock (Enter(op))
        {
            CheckRange(offset, length, op);
            // libgfapi passes the mode as "keep_size": any non-zero mode allocates without growing the file.
            bool keepSize = mode != GlusterAllocateMode.None;
            CheckSpace(offset, length, op);
            Change(offset, length, keepSize, data => data.Allocate(offset, length));
        }
    }

    /// <inheritdoc />
    public void Discard(long offset, long length)
    {
        const string op = "glfs_discard";
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        lock (Enter(op))
        {
            CheckRange(offset, length, op);
            Change(offset, length, keepSize: true, data => data.Zero(offset, length, deallocate: true));
        }
    }

    /// <inheritdoc />
    public void ZeroFill(long offset, long length)
    {
        const string op = "glfs_zerofill";
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        lock (Enter(op))
        {
            CheckRange(offset, length, op);
            CheckSpace(offset, length, op);
            Change(offset, length, keepSize: false, data =>
            {
                data.Allocate(offset, length);
                data.Zero(offset, length, deallocate: false);
            });
        }
    }

    /// <inheritdoc />
    public GlusterStat Stat()
    {
        lock (Enter("glfs_fstat"))
        {
            ThrowPending("glfs_fstat", clear: false);
            return _fs.StatOf(_node);
        }
    }

    /// <inheritdoc />
    public void Chmod(UnixFileMode mode)
    {
        lock (Enter("glfs_fchmod"))
        {
            _open.Opened = true;
            ThrowPending("glfs_fchmod", clear: false);
            _fs.Chmod(FdCaller, _node, (uint)mode, "glfs_fchmod", Name);
        }
    }

    /// <inheritdoc />
    public void Chown(int uid, int gid)
    {
        lock (Enter("glfs_fchown"))
        {
            _open.Opened = true;
            ThrowPending("glfs_fchown", clear: false);
            _fs.Chown(FdCaller, _node, uid, gid, "glfs_fchown", Name);
        }
    }

    /// <inheritdoc />
    public void SetTimes(DateTimeOffset? accessTime, DateTimeOffset? modificationTime)
    {
        lock (Enter("glfs_futimens"))
        {
            _open.Opened = true;
            ThrowPending("glfs_futimens", clear: false);
            _fs.SetTimes(FdCaller, _node, accessTime, modificationTime, "glfs_futimens", Name);
        }
    }

    /// <inheritdoc />
    public int GetXattr(string name, Span<byte> buffer)
    {
        const string op = "glfs_fgetxattr";
        GlusterArguments.CheckXattrName(name, nameof(name));
        lock (Enter(op))
        {
            GlusterFileSystem.CheckXattrName(name, op, Name);
            return GlusterFileSystem.GetXattr(FdCaller, _node, name, buffer, op, Name);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListXattrs()
    {
        lock (Enter("glfs_flistxattr"))
        {
            return GlusterFileSystem.ListXattrs(FdCaller, _node, "glfs_flistxattr", Name);
        }
    }

    /// <inheritdoc />
    public void SetXattr(string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags = GlusterXattrFlags.None)
    {
        const string op = "glfs_fsetxattr";
        GlusterArguments.CheckXattrName(name, nameof(name));
        lock (Enter(op))
        {
            GlusterFileSystem.CheckXattrName(name, op, Name);
            _fs.SetXattr(FdCaller, _node, name, value, flags, op, Name);
        }
    }

    /// <inheritdoc />
    public void RemoveXattr(string name)
    {
        const string op = "glfs_fremovexattr";
        GlusterArguments.CheckXattrName(name, nameof(name));
        lock (Enter(op))
        {
            _fs.RemoveXattr(FdCaller, _node, name, op, Name);
        }
    }

    /// <inheritdoc />
    public IGlusterFile Duplicate()
    {
        // glfs_dup shares the open file but not the position: the copy starts at offset 0 (measured).
        lock (Enter("glfs_dup"))
        {
            _node.OpenCount++;
            return new EmulatedGlusterFile(_volume, _fs, _node, Name, Flags, _open);
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        Errno pending;
        lock (_fs.Lock)
        {
            if (_closed)
            {
                return;
            }

            Volatile.Write(ref _closed, true);
            _fs.Release(_node);
            // Closing flushes: it reports (and so clears) what write-behind holds for the inode.
            pending = _node.PendingWriteError;
            _node.PendingWriteError = 0;
        }

        if (pending != 0 && !_volume.IsDisposed && _volume.MountGeneration == _generation)
        {
            throw StorageErrors.Create(pending, "glfs_close", Name);
        }
    }

    /// <inheritdoc />
    /// <remarks>Like <see cref="Close"/> (and the native binding), it reports a write error write-behind held.</remarks>
    public void Dispose() => Close();

    /// <summary>The checks before every call: closed or volume disposed, then volume unmounted. Returns the lock to take.</summary>
    private Lock Enter(string op)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        ObjectDisposedException.ThrowIf(_volume.IsDisposed, _volume);
        if (_volume.MountGeneration != _generation || !_volume.IsMounted)
        {
            throw StorageErrors.Create(Errno.ENOTCONN, op, Name, $"{op} failed: the volume was unmounted.");
        }

        return _fs.Lock;
    }

    private int ReadLocked(Span<byte> buffer, long offset, string op)
    {
        if (_node.IsDirectory)
        {
            throw StorageErrors.Create(Errno.EISDIR, op, Name);
        }

        ThrowPending(op, clear: false);
        // The brick refuses a zero-length read (EINVAL); quick-read answers it from its cache instead (0) while
        // the file is small, inside the file, and not yet really opened by this fd (measured).
        if (offset < 0 || (buffer.IsEmpty && (_open.Opened || _node.Size > QuickReadMaxFile || offset >= _node.Size)))
        {
            throw StorageErrors.Create(Errno.EINVAL, op, Name);
        }

        if (_open.Opened && !CanRead)
        {
            throw StorageErrors.Create(Errno.EBADF, op, Name);
        }

        long size = _node.Size;
        if (offset >= size || buffer.IsEmpty)
        {
            return 0;
        }

        int count = (int)Math.Min(buffer.Length, size - offset);
        _node.Data!.Read(offset, buffer[..count]);
        _position = offset + count;
        return count;
    }

    private int WriteLocked(ReadOnlySpan<byte> data, long offset, string op)
    {
        if (data.Length >= MaxWrite)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, Name);
        }

        _open.Opened = true;

        // Write-behind acknowledges first; what the brick refuses shows up on the next call. A directory is
        // always open read-only, so a write to one fails that way too (measured).
        Errno refused = IsReadOnly ? Errno.EBADF
            : offset < 0 ? Errno.EINVAL
            : data.Length > 0 && (IsAppend ? _node.Size : offset) + data.Length > GlusterFileSystem.MaxFileSize ? Errno.EFBIG
            : 0;
        if (refused != 0)
        {
            _node.PendingWriteError = refused;
        }
        else
        {
            // Even an empty write stamps mtime and ctime (measured); set-id bits survive writes by anyone,
            // since the brick writes as root (measured).
            if (data.Length > 0)
            {
                long at = IsAppend ? _node.Size : offset;
                GlusterFileData file = _node.Data!;
                long before = file.AllocatedPages;
                file.Write(at, data);
                _fs.AllocatedPages += file.AllocatedPages - before;
                _node.Size = Math.Max(_node.Size, at + data.Length);
            }

            _node.Modified(_fs.Now);
        }

        if (data.Length > 0)
        {
            _position = offset + data.Length;
        }

        return data.Length;
    }

    private long SeekDataOrHole(long offset, bool data, long size, string op)
    {
        if (offset < 0 || (offset >= size && !_node.IsDirectory))
        {
            throw StorageErrors.Create(Errno.ENXIO, op, Name);
        }

        if (_node.IsDirectory)
        {
            // ext4 directory offsets are hash cookies: any offset is "data", the hole is at INT64_MAX (measured).
            return data ? offset : long.MaxValue;
        }

        long found = data ? _node.Data!.NextData(offset) : _node.Data!.NextHole(offset, size);
        return found < 0 || found >= size && data ? throw StorageErrors.Create(Errno.ENXIO, op, Name) : found;
    }

    /// <summary>fallocate, discard and zerofill: need a writable regular file and a non-empty range.</summary>
    private void CheckRange(long offset, long length, string op)
    {
        _open.Opened = true;
        ThrowPending(op, clear: false);
        if (IsReadOnly)
        {
            throw StorageErrors.Create(Errno.EBADF, op, Name);
        }

        if (length == 0 || _node.Type != GlusterFileType.RegularFile)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, Name);
        }

        GlusterFileSystem.CheckFileSize(offset + length, op, Name);
    }

    /// <summary>ENOSPC when allocating the range could pass the volume's capacity (checked up front, as fallocate is).</summary>
    private void CheckSpace(long offset, long length, string op)
    {
        long pages = ((offset + length - 1) / GlusterFileData.PageSize) - (offset / GlusterFileData.PageSize) + 1;
        if (pages > _fs.FreePages)
        {
            throw StorageErrors.Create(Errno.ENOSPC, op, Name);
        }
    }

    private void Change(long offset, long length, bool keepSize, Action<GlusterFileData> change)
    {
        GlusterFileData file = _node.Data!;
        long before = file.AllocatedPages;
        change(file);
        _fs.AllocatedPages += file.AllocatedPages - before;
        if (!keepSize)
        {
            _node.Size = Math.Max(_node.Size, offset + length);
        }

        _node.Modified(_fs.Now);
    }

    /// <summary>
    /// open-behind's state, shared by an fd and its duplicates: an existing file opened through libgfapi is only
    /// really opened on the brick by the first call that needs it (write, ftruncate, fallocate and friends,
    /// fchmod/fchown/futimens, fsync); until then reads go through an anonymous fd and work whatever the access
    /// mode, afterwards a write-only fd's reads are EBADF. A file the open created is open from the start (measured).
    /// </summary>
    private sealed class OpenBehind
    {
        public bool Opened { get; set; }
    }

    private void ThrowPending(string op, bool clear) => GlusterFileSystem.ThrowPending(_node, op, Name, clear);
}
