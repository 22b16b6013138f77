using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>
/// <see cref="IGlusterDirectory"/> over a <c>glfs_fd_t</c> from <c>glfs_opendir</c>. Entries are read with
/// <c>glfs_readdir_r</c> (or <c>glfs_readdirplus_r</c>) into a pinned buffer of the directory's own, one at a
/// time under a lock, so concurrent readers each get distinct entries. Closed: <see cref="ObjectDisposedException"/>;
/// volume unmounted: ENOTCONN.
/// </summary>
internal sealed class NativeGlusterDirectory : IGlusterDirectory
{
    private static readonly int DirentSize = Unsafe.SizeOf<Interop.Gluster.Dirent>();

    private readonly NativeGlusterVolume _volume;
    private readonly GlusterFdHandle _fd;
    private readonly Lock _gate = new();

    // struct dirent, then struct stat: libgfapi writes into it during readdir*_r, so it must not move.
    private readonly byte[] _buffer = GC.AllocateArray<byte>(Unsafe.SizeOf<Interop.Gluster.Dirent>() + Unsafe.SizeOf<Interop.Gluster.Stat>(), pinned: true);
    private volatile bool _closed;

    internal NativeGlusterDirectory(NativeGlusterVolume volume, GlusterFdHandle fd, string path, bool withStat)
    {
        _volume = volume;
        _fd = fd;
        Path = path;
        WithStat = withStat;
    }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public bool WithStat { get; }

    /// <inheritdoc />
    public bool IsClosed => _closed;

    /// <inheritdoc />
    public unsafe GlusterDirectoryEntry? ReadNext()
    {
        string operation = WithStat ? "glfs_readdirplus_r" : "glfs_readdir_r";
        lock (_gate)
        {
            using var lease = Use(operation);
            nint fd = lease.Handle.DangerousGetHandle();
            var entry = (Interop.Gluster.Dirent*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer));
            var stat = (Interop.Gluster.Stat*)((byte*)entry + DirentSize);
            Interop.Gluster.Dirent* result;
            int returnCode = WithStat
                ? Interop.Gluster.glfs_readdirplus_r(fd, stat, entry, &result)
                : Interop.Gluster.glfs_readdir_r(fd, entry, &result);
            GlusterCall.Check(returnCode, operation, Path);
            if (result is null)
            {
                return null;
            }

            string name = NativeText.FromNulTerminated(new ReadOnlySpan<byte>(entry->Name, Interop.Gluster.DirentNameSize));

            // DT_* values are the S_IF* type bits shifted down by 12 (DT_UNKNOWN = 0 stays Unknown).
            var type = (GlusterFileType)(entry->Type << 12);
            return new GlusterDirectoryEntry(_volume, Path, name, entry->Inode, type, WithStat ? GlusterCall.ToStat(*stat) : null);
        }
    }

    /// <inheritdoc />
    public long Tell()
    {
        const string operation = "glfs_telldir";
        lock (_gate)
        {
            using var lease = Use(operation);
            return GlusterCall.Check(Interop.Gluster.glfs_telldir(lease.Handle.DangerousGetHandle()), operation, Path);
        }
    }

    /// <inheritdoc />
    public void Seek(long position)
    {
        lock (_gate)
        {
            using var lease = Use("glfs_seekdir");
            Interop.Gluster.glfs_seekdir(lease.Handle.DangerousGetHandle(), position);
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _volume.Release(_fd, "glfs_closedir", Path);
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <inheritdoc />
    public IEnumerator<GlusterDirectoryEntry> GetEnumerator()
    {
        while (ReadNext() is { } entry)
        {
            yield return entry;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private HandleLease<GlusterFdHandle> Use(string operation)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        ObjectDisposedException.ThrowIf(_volume.IsDisposed, _volume);
        if (!HandleLease<GlusterFdHandle>.TryAcquire(_fd, out var lease))
        {
            // Closed by Unmount of the volume, not by this directory.
            throw NativeGlusterVolume.NotConnected(operation, Path);
        }

        _volume.ApplyIdentity();
        return lease;
    }
}
