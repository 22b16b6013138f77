using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>Path operations.</summary>
internal sealed partial class EmulatedGlusterVolume
{
    /// <inheritdoc />
    public GlusterStat Stat(string path) => StatPath(path, follow: true, "glfs_stat");

    /// <inheritdoc />
    public GlusterStat LStat(string path) => StatPath(path, follow: false, "glfs_lstat");

    /// <inheritdoc />
    public bool Access(string path, GlusterAccessMode mode)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_access", path);
        lock (fs.Lock)
        {
            return fs.Access(Caller, Cwd(fs), path, (int)mode);
        }
    }

    /// <inheritdoc />
    public string RealPath(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_realpath", path);
        lock (fs.Lock)
        {
            return fs.RealPath(Caller, Cwd(fs), path);
        }
    }

    /// <inheritdoc />
    public void Chmod(string path, UnixFileMode mode)
        => OnNode(path, "glfs_chmod", (fs, node, op) => Setattr(node, op, path).Chmod(Caller, node, (uint)mode, op, path));

    /// <inheritdoc />
    public void Chown(string path, int uid, int gid)
        => OnNode(path, "glfs_chown", (fs, node, op) => Setattr(node, op, path).Chown(Caller, node, uid, gid, op, path));

    /// <inheritdoc />
    public void SetTimes(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime)
        => OnNode(path, "glfs_utimens", (fs, node, op) => Setattr(node, op, path).SetTimes(Caller, node, accessTime, modificationTime, op, path));

    /// <inheritdoc />
    public void Truncate(string path, long length)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        GlusterFileSystem fs = Enter("glfs_truncate", path);
        lock (fs.Lock)
        {
            fs.Truncate(Caller, Cwd(fs), path, length);
        }
    }

    /// <inheritdoc />
    public void Link(string source, string linkName)
    {
        GlusterArguments.CheckPath(source, nameof(source));
        GlusterArguments.CheckPath(linkName, nameof(linkName));
        GlusterFileSystem fs = Enter("glfs_link", source);
        lock (fs.Lock)
        {
            fs.Link(Caller, Cwd(fs), source, linkName);
        }
    }

    /// <inheritdoc />
    public void Symlink(string target, string linkName)
    {
        GlusterArguments.CheckPath(target, nameof(target));
        GlusterArguments.CheckPath(linkName, nameof(linkName));
        GlusterFileSystem fs = Enter("glfs_symlink", linkName);
        lock (fs.Lock)
        {
            fs.Symlink(Caller, Cwd(fs), target, linkName);
        }
    }

    /// <inheritdoc />
    public string ReadLink(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_readlink", path);
        lock (fs.Lock)
        {
            return fs.ReadLink(Caller, Cwd(fs), path);
        }
    }

    /// <inheritdoc />
    public void Rename(string source, string destination)
    {
        GlusterArguments.CheckPath(source, nameof(source));
        GlusterArguments.CheckPath(destination, nameof(destination));
        GlusterFileSystem fs = Enter("glfs_rename", source);
        lock (fs.Lock)
        {
            fs.Rename(Caller, Cwd(fs), source, destination);
        }
    }

    /// <inheritdoc />
    public void Unlink(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_unlink", path);
        lock (fs.Lock)
        {
            fs.Unlink(Caller, Cwd(fs), path);
        }
    }

    /// <inheritdoc />
    public void MakeNode(string path, GlusterFileType type, UnixFileMode permissions, ulong device = 0)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_mknod", path);
        lock (fs.Lock)
        {
            fs.MakeNode(Caller, Cwd(fs), path, type, (uint)permissions, device);
        }
    }

    /// <inheritdoc />
    public IGlusterFile Open(string path, GlusterOpenFlags flags, UnixFileMode mode = GlusterPath.DefaultMode)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter((flags & GlusterOpenFlags.Create) != 0 ? "glfs_creat" : "glfs_open", path);
        GlusterNode node;
        bool created;
        lock (fs.Lock)
        {
            node = fs.Open(Caller, Cwd(fs), path, flags, (uint)mode, out created);
        }

        return new EmulatedGlusterFile(this, fs, node, path, flags, created);
    }

    /// <summary>A path setattr waits for write-behind like the fd calls do: it reports a held write error.</summary>
    private GlusterFileSystem Setattr(GlusterNode node, string op, string path)
    {
        GlusterFileSystem.ThrowPending(node, op, path, clear: false);
        return Enter(op, path);
    }

    private GlusterStat StatPath(string path, bool follow, string op)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter(op, path);
        lock (fs.Lock)
        {
            return fs.StatOf(GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow, Caller), op, path));
        }
    }

    /// <summary>Resolves <paramref name="path"/> following links and runs <paramref name="action"/> on the node under the lock.</summary>
    private void OnNode(string path, string op, Action<GlusterFileSystem, GlusterNode, string> action)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter(op, path);
        lock (fs.Lock)
        {
            GlusterNode node = GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow: true, Caller), op, path);
            action(fs, node, op);
        }
    }
}
