using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>
/// A handle on an emulated volume (a <c>glfs_t</c>): its own mount state, identity (fsuid/fsgid) and working
/// directory over the volume's shared in-memory tree. Every call takes the volume's lock, so handles and
/// threads can share a volume freely.
/// </summary>
internal sealed partial class EmulatedGlusterVolume : IGlusterVolume
{
    private readonly EmulatedGlusterCluster _cluster;
    private GlusterFileSystem? _fs;
    private GlusterNode? _cwd;
    private int _uid;
    private int _gid;
    private int _mountGeneration;
    private bool _disposed;

    internal EmulatedGlusterVolume(EmulatedGlusterCluster cluster, GlusterVolumeOptions options)
    {
        _cluster = cluster;
        Options = options;
    }

    /// <inheritdoc />
    public GlusterVolumeOptions Options { get; }

    /// <inheritdoc />
    public bool IsMounted => Volatile.Read(ref _fs) is not null;

    /// <summary>Bumped by every unmount, so files opened before it stop working.</summary>
    internal int MountGeneration => Volatile.Read(ref _mountGeneration);

    internal bool IsDisposed => Volatile.Read(ref _disposed);

    internal GlusterCaller Caller => new(Volatile.Read(ref _uid), Volatile.Read(ref _gid));

    /// <inheritdoc />
    public void Mount()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (IsMounted)
        {
            return;
        }

        GlusterFileSystem fs = _cluster.Find(Options.VolumeName)
            ?? throw StorageErrors.Create(Errno.ENOENT, "glfs_init", Options.VolumeName);
        _cwd = fs.Root;
        Volatile.Write(ref _fs, fs);
    }

    /// <inheritdoc />
    public void Unmount()
    {
        if (Interlocked.Exchange(ref _fs, null) is not null)
        {
            Interlocked.Increment(ref _mountGeneration);
            _cwd = null;
        }
    }

    /// <inheritdoc />
    public void SetLogging(string? logFile, int logLevel) => ObjectDisposedException.ThrowIf(IsDisposed, this);

    /// <inheritdoc />
    public Guid GetVolumeId() => Enter("glfs_get_volumeid").VolumeId;

    /// <inheritdoc />
    public GlusterStatVfs StatVfs(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_statvfs");
        lock (fs.Lock)
        {
            GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow: true, Caller), "glfs_statvfs", path);
            return fs.StatVfs();
        }
    }

    /// <inheritdoc />
    public void SetFsUid(int uid)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        Volatile.Write(ref _uid, uid);
    }

    /// <inheritdoc />
    public void SetFsGid(int gid)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        Volatile.Write(ref _gid, gid);
    }

    /// <inheritdoc />
    public void ChangeDirectory(string path)
    {
        const string op = "glfs_chdir";
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter(op);
        lock (fs.Lock)
        {
            GlusterNode node = GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow: true, Caller), op, path);
            if (!node.IsDirectory)
            {
                throw StorageErrors.Create(Errno.ENOTDIR, op, path);
            }

            _cwd = node;
        }
    }

    /// <inheritdoc />
    public string GetCurrentDirectory()
    {
        const string op = "glfs_getcwd";
        GlusterFileSystem fs = Enter(op);
        lock (fs.Lock)
        {
            // A removed working directory shows as its GFID, as libgfapi's inode_path does.
            GlusterNode cwd = Cwd(fs);
            return GlusterFileSystem.PathOf(cwd) ?? GlusterFileSystem.GfidPath(cwd);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Unmount();
        Volatile.Write(ref _disposed, true);
    }

    /// <summary>The checks every call makes after its argument checks: not disposed, then mounted.</summary>
    internal GlusterFileSystem Enter(string operation, string? target = null)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return Volatile.Read(ref _fs) ?? throw StorageErrors.Create(Errno.ENOTCONN, operation, target, $"{operation} failed: the volume is not mounted.");
    }

    /// <summary>The working directory (read under the volume's lock).</summary>
    private GlusterNode Cwd(GlusterFileSystem fs) => _cwd ?? fs.Root;
}
