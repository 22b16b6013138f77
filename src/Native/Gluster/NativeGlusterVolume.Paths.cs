using System.Runtime.InteropServices;
using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>Path operations: one <c>glfs_*</c> call each.</summary>
internal sealed partial class NativeGlusterVolume
{
    /// <summary>PATH_MAX: the size glfs_realpath writes into a caller's buffer.</summary>
    private const int PathMax = 4096;

    /// <inheritdoc />
    public unsafe GlusterStat Stat(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_stat";
        using var lease = Use(operation, path);
        Interop.Gluster.Stat stat;
        GlusterCall.Check(Interop.Gluster.glfs_stat(lease.Handle.DangerousGetHandle(), path, &stat), operation, path);
        return GlusterCall.ToStat(stat);
    }

    /// <inheritdoc />
    public unsafe GlusterStat LStat(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_lstat";
        using var lease = Use(operation, path);
        Interop.Gluster.Stat stat;
        GlusterCall.Check(Interop.Gluster.glfs_lstat(lease.Handle.DangerousGetHandle(), path, &stat), operation, path);
        return GlusterCall.ToStat(stat);
    }

    /// <inheritdoc />
    public bool Access(string path, GlusterAccessMode mode)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        using var lease = Use("glfs_access", path);
        return Interop.Gluster.glfs_access(lease.Handle.DangerousGetHandle(), path, (int)mode) == 0;
    }

    /// <inheritdoc />
    public unsafe string RealPath(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_realpath";
        using var lease = Use(operation, path);
        byte* resolved = stackalloc byte[PathMax + 1];
        if (Interop.Gluster.glfs_realpath(lease.Handle.DangerousGetHandle(), path, resolved) is null)
        {
            throw GlusterCall.LastError(operation, path);
        }

        resolved[PathMax] = 0;
        return NativeText.FromNulTerminated(resolved);
    }

    /// <inheritdoc />
    public void Chmod(string path, UnixFileMode mode)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_chmod";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_chmod(lease.Handle.DangerousGetHandle(), path, (uint)mode), operation, path);
    }

    /// <inheritdoc />
    public void Chown(string path, int uid, int gid)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_chown";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_chown(lease.Handle.DangerousGetHandle(), path, unchecked((uint)uid), unchecked((uint)gid)), operation, path);
    }

    /// <inheritdoc />
    public unsafe void SetTimes(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_utimens";
        using var lease = Use(operation, path);
        var times = stackalloc Interop.Gluster.TimeSpec[2];
        GlusterCall.FromTimes(accessTime, modificationTime, times);
        GlusterCall.Check(Interop.Gluster.glfs_utimens(lease.Handle.DangerousGetHandle(), path, times), operation, path);
    }

    /// <inheritdoc />
    public void Truncate(string path, long length)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        const string operation = "glfs_truncate";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_truncate(lease.Handle.DangerousGetHandle(), path, length), operation, path);
    }

    /// <inheritdoc />
    public void Link(string source, string linkName)
    {
        GlusterArguments.CheckPath(source, nameof(source));
        GlusterArguments.CheckPath(linkName, nameof(linkName));
        const string operation = "glfs_link";
        using var lease = Use(operation, linkName);
        GlusterCall.Check(Interop.Gluster.glfs_link(lease.Handle.DangerousGetHandle(), source, linkName), operation, linkName);
    }

    /// <inheritdoc />
    public void Symlink(string target, string linkName)
    {
        GlusterArguments.CheckPath(target, nameof(target));
        GlusterArguments.CheckPath(linkName, nameof(linkName));
        const string operation = "glfs_symlink";
        using var lease = Use(operation, linkName);
        GlusterCall.Check(Interop.Gluster.glfs_symlink(lease.Handle.DangerousGetHandle(), target, linkName), operation, linkName);
    }

    /// <inheritdoc />
    public unsafe string ReadLink(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_readlink";
        using var lease = Use(operation, path);
        nint fs = lease.Handle.DangerousGetHandle();
        for (int size = PathMax; ; size *= 2)
        {
            byte[] buffer = new byte[size];
            int length;
            fixed (byte* bytes = buffer)
            {
                length = GlusterCall.Check(Interop.Gluster.glfs_readlink(fs, path, bytes, (nuint)size), operation, path);
            }

            // readlink truncates silently: a full buffer may mean a longer target.
            if (length < size || size >= 1 << 20)
            {
                return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    /// <inheritdoc />
    public void Rename(string source, string destination)
    {
        GlusterArguments.CheckPath(source, nameof(source));
        GlusterArguments.CheckPath(destination, nameof(destination));
        const string operation = "glfs_rename";
        using var lease = Use(operation, source);
        nint fs = lease.Handle.DangerousGetHandle();
        if (ResolveFailure(fs, destination) is { } failure)
        {
            // glfs_rename resolves the source first: its error wins, as it would in the library.
            throw LStatFailure(fs, source) is { } sourceFailure
                ? StorageErrors.Create(sourceFailure, operation, source)
                : StorageErrors.Create(failure, operation, destination);
        }

        GlusterCall.Check(Interop.Gluster.glfs_rename(fs, source, destination), operation, source);
    }

    /// <summary>
    /// Why glfs_rename could not place <paramref name="path"/>: null when it exists or its parent is a directory.
    /// glfs_rename of libgfapi 10.3 goes on with an unresolved destination parent (missing, a file, an empty name,
    /// no search permission) and dies in dht_rename (SIGSEGV, measured), so the kit answers the resolve error instead.
    /// </summary>
    private static unsafe Errno? ResolveFailure(nint fs, string path)
    {
        if (LStatFailure(fs, path) is not { } errno)
        {
            return null;
        }

        if (errno != Errno.ENOENT)
        {
            return errno;
        }

        Interop.Gluster.Stat stat;
        string parent = ParentOf(path);
        if (Interop.Gluster.glfs_stat(fs, parent, &stat) != 0)
        {
            return (Errno)Marshal.GetLastPInvokeError();
        }

        return (stat.Mode & 0xF000) == (uint)GlusterFileType.Directory ? null : Errno.ENOTDIR;
    }

    /// <summary>The errno of <c>glfs_lstat</c> of <paramref name="path"/>, or null when it exists.</summary>
    private static unsafe Errno? LStatFailure(nint fs, string path)
    {
        Interop.Gluster.Stat stat;
        return Interop.Gluster.glfs_lstat(fs, path, &stat) == 0 ? null : (Errno)Marshal.GetLastPInvokeError();
    }

    /// <summary>The directory a path's last component is looked up in ("." for a bare name).</summary>
    private static string ParentOf(string path)
    {
        string trimmed = path.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return slash switch
        {
            < 0 => ".",
            0 => "/",
            _ => trimmed[..slash],
        };
    }

    /// <inheritdoc />
    public void Unlink(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_unlink";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_unlink(lease.Handle.DangerousGetHandle(), path), operation, path);
    }

    /// <inheritdoc />
    public void MakeNode(string path, GlusterFileType type, UnixFileMode permissions, ulong device = 0)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_mknod";
        using var lease = Use(operation, path);
        uint mode = (uint)type | (uint)permissions;
        GlusterCall.Check(Interop.Gluster.glfs_mknod(lease.Handle.DangerousGetHandle(), path, mode, device), operation, path);
    }

    /// <inheritdoc />
    public IGlusterFile Open(string path, GlusterOpenFlags flags, UnixFileMode mode = GlusterPath.DefaultMode)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        bool create = (flags & GlusterOpenFlags.Create) != 0;
        string operation = create ? "glfs_creat" : "glfs_open";
        using var lease = Use(operation, path);
        var fs = lease.Handle;
        nint fd = create
            ? Interop.Gluster.glfs_creat(fs.DangerousGetHandle(), path, (int)flags, (uint)mode)
            : Interop.Gluster.glfs_open(fs.DangerousGetHandle(), path, (int)flags);
        if (fd == 0)
        {
            throw GlusterCall.LastError(operation, path);
        }

        return new NativeGlusterFile(this, Track(fd, fs, isDirectory: false, operation, path), path, flags);
    }
}
