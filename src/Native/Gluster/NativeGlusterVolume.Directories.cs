using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>Directories: <c>glfs_mkdir</c>, <c>glfs_rmdir</c>, <c>glfs_opendir</c>.</summary>
internal sealed partial class NativeGlusterVolume
{
    /// <inheritdoc />
    public void CreateDirectory(string path, UnixFileMode mode = GlusterPath.DefaultMode)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_mkdir";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_mkdir(lease.Handle.DangerousGetHandle(), path, (uint)mode), operation, path);
    }

    /// <inheritdoc />
    public void RemoveDirectory(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_rmdir";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_rmdir(lease.Handle.DangerousGetHandle(), path), operation, path);
    }

    /// <inheritdoc />
    public IGlusterDirectory OpenDirectory(string path, bool withStat = false)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_opendir";
        using var lease = Use(operation, path);
        var fs = lease.Handle;
        nint fd = Interop.Gluster.glfs_opendir(fs.DangerousGetHandle(), path);
        if (fd == 0)
        {
            throw GlusterCall.LastError(operation, path);
        }

        return new NativeGlusterDirectory(this, Track(fd, fs, isDirectory: true, operation, path), path, withStat);
    }
}
