using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>Extended attributes of paths (all follow symbolic links, like the python binding's calls).</summary>
internal sealed partial class EmulatedGlusterVolume
{
    /// <inheritdoc />
    public int GetXattr(string path, string name, Span<byte> buffer)
    {
        const string op = "glfs_getxattr";
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckXattrName(name, nameof(name));
        GlusterFileSystem fs = Enter(op, path);
        GlusterFileSystem.CheckXattrName(name, op, path);
        lock (fs.Lock)
        {
            GlusterNode node = GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow: true, Caller), op, path);
            return GlusterFileSystem.GetXattr(Caller, node, name, buffer, op, path);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListXattrs(string path)
    {
        const string op = "glfs_listxattr";
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter(op, path);
        lock (fs.Lock)
        {
            GlusterNode node = GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow: true, Caller), op, path);
            return GlusterFileSystem.ListXattrs(Caller, node, op, path);
        }
    }

    /// <inheritdoc />
    public void SetXattr(string path, string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags = GlusterXattrFlags.None)
    {
        const string op = "glfs_setxattr";
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckXattrName(name, nameof(name));
        GlusterFileSystem fs = Enter(op, path);
        GlusterFileSystem.CheckXattrName(name, op, path);
        lock (fs.Lock)
        {
            GlusterNode node = GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow: true, Caller), op, path);
            fs.SetXattr(Caller, node, name, value, flags, op, path);
        }
    }

    /// <inheritdoc />
    public void RemoveXattr(string path, string name)
    {
        const string op = "glfs_removexattr";
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckXattrName(name, nameof(name));
        GlusterFileSystem fs = Enter(op, path);
        lock (fs.Lock)
        {
            GlusterNode node = GlusterFileSystem.Require(fs.Resolve(Cwd(fs), path, follow: true, Caller), op, path);
            fs.RemoveXattr(Caller, node, name, op, path);
        }
    }
}
