using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>Directory operations.</summary>
internal sealed partial class EmulatedGlusterVolume
{
    /// <inheritdoc />
    public void CreateDirectory(string path, UnixFileMode mode = GlusterPath.DefaultMode)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_mkdir", path);
        lock (fs.Lock)
        {
            fs.MakeDirectory(Caller, Cwd(fs), path, (uint)mode);
        }
    }

    /// <inheritdoc />
    public void RemoveDirectory(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_rmdir", path);
        lock (fs.Lock)
        {
            fs.RemoveDirectory(Caller, Cwd(fs), path);
        }
    }

    /// <inheritdoc />
    public IGlusterDirectory OpenDirectory(string path, bool withStat = false)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterFileSystem fs = Enter("glfs_opendir", path);
        GlusterNode node;
        lock (fs.Lock)
        {
            node = fs.OpenDirectory(Caller, Cwd(fs), path);
        }

        return new EmulatedGlusterDirectory(this, fs, node, path, withStat);
    }
}
