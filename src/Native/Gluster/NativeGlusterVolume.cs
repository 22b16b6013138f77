using System.Runtime.InteropServices;
using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>
/// <see cref="IGlusterVolume"/> over a libgfapi <c>glfs_t</c>. Each member checks its arguments, then that the
/// handle is not disposed (<see cref="ObjectDisposedException"/>) and is mounted (ENOTCONN), applies the
/// handle's fsuid/fsgid to the calling thread, calls the one <c>glfs_*</c> function named in the interface and
/// passes its errno through. Every mount is a fresh <c>glfs_t</c>; unmounting closes the files and directories
/// still open on it first (they then answer ENOTCONN), so no <c>glfs_fd_t</c> outlives <c>glfs_fini</c>.
/// </summary>
internal sealed partial class NativeGlusterVolume : IGlusterVolume
{
    private const int VolumeIdSize = 16;

    private readonly Lock _gate = new();
    private readonly HashSet<GlusterFdHandle> _openHandles = [];
    private GlusterFsHandle? _fs;
    private volatile bool _disposed;
    private string? _logFile;
    private int _logLevel;

    // -1: not set, the process's effective ids (what libgfapi uses for a thread that never set one).
    private long _fsUid = -1;
    private long _fsGid = -1;

    internal NativeGlusterVolume(GlusterVolumeOptions options)
    {
        Options = options;
        _logFile = options.LogFile;
        _logLevel = options.LogLevel;
    }

    /// <inheritdoc />
    public GlusterVolumeOptions Options { get; }

    /// <inheritdoc />
    public bool IsMounted => Volatile.Read(ref _fs) is not null;

    /// <inheritdoc />
    public void Mount()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_fs is not null)
            {
                return;
            }

            Volatile.Write(ref _fs, Connect());
        }
    }

    /// <inheritdoc />
    public void Unmount()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Disconnect();
    }

    /// <inheritdoc />
    public void SetLogging(string? logFile, int logLevel)
    {
        if (logFile is not null)
        {
            GlusterArguments.CheckPath(logFile, nameof(logFile));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            _logFile = logFile;
            _logLevel = logLevel;
            if (_fs is { } fs && HandleLease<GlusterFsHandle>.TryAcquire(fs, out var lease))
            {
                using (lease)
                {
                    GlusterCall.Check(Interop.Gluster.glfs_set_logging(fs.DangerousGetHandle(), logFile, logLevel), "glfs_set_logging", logFile);
                }
            }
        }
    }

    /// <inheritdoc />
    public unsafe Guid GetVolumeId()
    {
        const string operation = "glfs_get_volumeid";
        using var lease = Use(operation, null);
        byte* id = stackalloc byte[VolumeIdSize];
        int length = GlusterCall.Check(Interop.Gluster.glfs_get_volumeid(lease.Handle.DangerousGetHandle(), id, VolumeIdSize), operation, Options.VolumeName);
        if (length != VolumeIdSize)
        {
            throw StorageErrors.Create(Errno.EIO, operation, Options.VolumeName, $"{operation} returned {length} bytes instead of a 16-byte UUID.");
        }

        // The volume id is a uuid_t, bytes in network order as its text form prints them.
        return new Guid(new ReadOnlySpan<byte>(id, VolumeIdSize), bigEndian: true);
    }

    /// <inheritdoc />
    public unsafe GlusterStatVfs StatVfs(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_statvfs";
        using var lease = Use(operation, path);
        Interop.Gluster.StatVfs stat;
        GlusterCall.Check(Interop.Gluster.glfs_statvfs(lease.Handle.DangerousGetHandle(), path, &stat), operation, path);
        return GlusterCall.ToStatVfs(stat);
    }

    /// <inheritdoc />
    public void SetFsUid(int uid)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Exchange(ref _fsUid, unchecked((uint)uid));
    }

    /// <inheritdoc />
    public void SetFsGid(int gid)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Exchange(ref _fsGid, unchecked((uint)gid));
    }

    /// <inheritdoc />
    public void ChangeDirectory(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_chdir";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_chdir(lease.Handle.DangerousGetHandle(), path), operation, path);
    }

    /// <inheritdoc />
    public unsafe string GetCurrentDirectory()
    {
        const string operation = "glfs_getcwd";
        using var lease = Use(operation, null);
        nint fs = lease.Handle.DangerousGetHandle();
        for (int size = 4096; ; size *= 2)
        {
            byte[] buffer = new byte[size];
            fixed (byte* bytes = buffer)
            {
                if (Interop.Gluster.glfs_getcwd(fs, bytes, (nuint)size) is not null)
                {
                    return NativeText.FromNulTerminated(buffer);
                }
            }

            if (Marshal.GetLastPInvokeError() != (int)Errno.ERANGE || size >= 1 << 20)
            {
                throw GlusterCall.LastError(operation, null);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // Disposed first, so a call on one of its files racing the dispose reports ObjectDisposedException, not ENOTCONN.
        _disposed = true;
        Disconnect();
    }

    /// <summary>True once disposed: its files and directories then answer <see cref="ObjectDisposedException"/>.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>
    /// A lease on the mounted <c>glfs_t</c> for one call, with the handle's identity applied to this thread:
    /// <see cref="ObjectDisposedException"/> after Dispose, ENOTCONN when not mounted.
    /// </summary>
    internal HandleLease<GlusterFsHandle> Use(string operation, string? target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _fs) is not { } fs || !HandleLease<GlusterFsHandle>.TryAcquire(fs, out var lease))
        {
            throw NotConnected(operation, target);
        }

        ApplyIdentity();
        return lease;
    }

    /// <summary>Applies this handle's fsuid/fsgid to the calling thread (for calls on its files too).</summary>
    internal void ApplyIdentity()
    {
        long uid = Interlocked.Read(ref _fsUid);
        long gid = Interlocked.Read(ref _fsGid);
        GlusterIdentity.Apply(uid < 0 ? GlusterIdentity.ProcessUid : (uint)uid, gid < 0 ? GlusterIdentity.ProcessGid : (uint)gid);
    }

    /// <summary>The exception for a call on an unmounted volume or on a file whose volume was unmounted.</summary>
    internal static StorageException NotConnected(string operation, string? target)
        => StorageErrors.Create(Errno.ENOTCONN, operation, target, $"{operation} failed: the volume is not mounted.");

    /// <summary>
    /// Takes ownership of a fresh <c>glfs_fd_t</c> of <paramref name="fs"/>; it is closed on unmount unless closed
    /// before. When an unmount raced the call that made it, it is closed at once and the call fails with ENOTCONN.
    /// </summary>
    internal GlusterFdHandle Track(nint fd, GlusterFsHandle fs, bool isDirectory, string operation, string target)
    {
        var handle = new GlusterFdHandle(fd, fs, isDirectory);
        lock (_gate)
        {
            if (ReferenceEquals(_fs, fs))
            {
                _openHandles.Add(handle);
                return handle;
            }
        }

        handle.Dispose();
        throw NotConnected(operation, target);
    }

    /// <summary>
    /// Closes an fd the caller is done with and throws what <paramref name="operation"/> reported, when it ran
    /// now (not when the volume's unmount closed it before, nor when a call on another thread still holds it:
    /// then the close runs when that call returns, and its answer is lost).
    /// </summary>
    internal void Release(GlusterFdHandle handle, string operation, string target)
    {
        bool wasOpen;
        lock (_gate)
        {
            wasOpen = _openHandles.Remove(handle);
        }

        handle.Dispose();
        if (wasOpen && handle.CloseErrno > 0)
        {
            throw StorageErrors.Create((Errno)handle.CloseErrno, operation, target);
        }
    }

    private GlusterFsHandle Connect()
    {
        Interop.EnsureLoaded(Interop.Libraries.Gfapi);

        string volume = Options.VolumeName;
        nint raw = Interop.Gluster.glfs_new(volume);
        if (raw == 0)
        {
            throw GlusterCall.LastError("glfs_new", volume);
        }

        var fs = new GlusterFsHandle(raw);
        try
        {
            foreach (string host in Options.Hosts)
            {
                GlusterCall.Check(Interop.Gluster.glfs_set_volfile_server(raw, Options.Transport, host, Options.Port), "glfs_set_volfile_server", host);
            }

            GlusterCall.Check(Interop.Gluster.glfs_set_logging(raw, _logFile, _logLevel), "glfs_set_logging", _logFile);
            GlusterCall.Check(Interop.Gluster.glfs_init(raw), "glfs_init", volume);
            return fs;
        }
        catch
        {
            // glfs_fini also cleans up after a failed glfs_init, as glfs.h asks.
            fs.Dispose();
            throw;
        }
    }

    private void Disconnect()
    {
        GlusterFsHandle? fs;
        GlusterFdHandle[] open;
        lock (_gate)
        {
            fs = _fs;
            if (fs is null)
            {
                return;
            }

            Volatile.Write(ref _fs, null);
            open = [.. _openHandles];
            _openHandles.Clear();
        }

        // Each fd holds a reference on fs, so glfs_fini runs after the last glfs_close, whichever thread
        // finishes an in-flight call last.
        foreach (var handle in open)
        {
            handle.Dispose();
        }

        fs.Dispose();
    }
}
