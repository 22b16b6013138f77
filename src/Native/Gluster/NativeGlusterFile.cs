using System.Runtime.InteropServices;
using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>
/// <see cref="IGlusterFile"/> over a <c>glfs_fd_t</c>. After <see cref="Close"/> every call is an
/// <see cref="ObjectDisposedException"/>, also once its volume is disposed; after its volume was unmounted (which
/// closed the fd) every call is ENOTCONN until the file is closed. Buffers are pinned and passed straight to libgfapi.
/// </summary>
internal sealed class NativeGlusterFile : IGlusterFile
{
    private static readonly unsafe byte* EmptyBuffer = (byte*)NativeMemory.AllocZeroed(1);

    private readonly NativeGlusterVolume _volume;
    private readonly GlusterFdHandle _fd;
    private volatile bool _closed;

    internal NativeGlusterFile(NativeGlusterVolume volume, GlusterFdHandle fd, string name, GlusterOpenFlags flags)
    {
        _volume = volume;
        _fd = fd;
        Name = name;
        Flags = flags;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public GlusterOpenFlags Flags { get; }

    /// <inheritdoc />
    public bool IsClosed => _closed;

    /// <inheritdoc />
    public unsafe int Read(Span<byte> buffer)
    {
        const string operation = "glfs_read";
        using var lease = Use(operation);
        fixed (byte* bytes = buffer)
        {
            return (int)GlusterCall.Check((long)Interop.Gluster.glfs_read(lease.Handle.DangerousGetHandle(), NonNull(bytes), (nuint)buffer.Length, 0), operation, Name);
        }
    }

    /// <inheritdoc />
    public unsafe int Write(ReadOnlySpan<byte> data)
    {
        const string operation = "glfs_write";
        using var lease = Use(operation);
        fixed (byte* bytes = data)
        {
            return (int)GlusterCall.Check((long)Interop.Gluster.glfs_write(lease.Handle.DangerousGetHandle(), NonNull(bytes), (nuint)data.Length, 0), operation, Name);
        }
    }

    /// <inheritdoc />
    public unsafe int ReadAt(Span<byte> buffer, long offset)
    {
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        const string operation = "glfs_pread";
        using var lease = Use(operation);
        fixed (byte* bytes = buffer)
        {
            return (int)GlusterCall.Check((long)Interop.Gluster.glfs_pread(lease.Handle.DangerousGetHandle(), NonNull(bytes), (nuint)buffer.Length, offset, 0, null), operation, Name);
        }
    }

    /// <inheritdoc />
    public unsafe int WriteAt(ReadOnlySpan<byte> data, long offset)
    {
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        const string operation = "glfs_pwrite";
        using var lease = Use(operation);
        fixed (byte* bytes = data)
        {
            return (int)GlusterCall.Check((long)Interop.Gluster.glfs_pwrite(lease.Handle.DangerousGetHandle(), NonNull(bytes), (nuint)data.Length, offset, 0, null, null), operation, Name);
        }
    }

    /// <inheritdoc />
    public long Seek(long offset, GlusterSeekOrigin origin)
    {
        const string operation = "glfs_lseek";
        using var lease = Use(operation);
        long position = Interop.Gluster.glfs_lseek(lease.Handle.DangerousGetHandle(), offset, (int)origin);

        // libgfapi 10.3 moves the offset to a negative position without setting errno and returns it; like a C or
        // python caller the kit takes a negative answer as failure, and the missing errno becomes EIO.
        return GlusterCall.Check(position, operation, Name);
    }

    /// <inheritdoc />
    public unsafe void Sync()
    {
        const string operation = "glfs_fsync";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_fsync(lease.Handle.DangerousGetHandle(), null, null), operation, Name);
    }

    /// <inheritdoc />
    public unsafe void DataSync()
    {
        const string operation = "glfs_fdatasync";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_fdatasync(lease.Handle.DangerousGetHandle(), null, null), operation, Name);
    }

    /// <inheritdoc />
    public unsafe void Truncate(long length)
    {
        GlusterArguments.CheckNonNegative(length, nameof(length));
        const string operation = "glfs_ftruncate";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_ftruncate(lease.Handle.DangerousGetHandle(), length, null, null), operation, Name);
    }

    /// <inheritdoc />
    public void Allocate(long offset, long length, GlusterAllocateMode mode = GlusterAllocateMode.None)
    {
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        const string operation = "glfs_fallocate";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_fallocate(lease.Handle.DangerousGetHandle(), (int)mode, offset, (nuint)length), operation, Name);
    }

    /// <inheritdoc />
    public void Discard(long offset, long length)
    {
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        const string operation = "glfs_discard";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_discard(lease.Handle.DangerousGetHandle(), offset, (nuint)length), operation, Name);
    }

    /// <inheritdoc />
    public void ZeroFill(long offset, long length)
    {
        GlusterArguments.CheckNonNegative(offset, nameof(offset));
        GlusterArguments.CheckNonNegative(length, nameof(length));
        const string operation = "glfs_zerofill";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_zerofill(lease.Handle.DangerousGetHandle(), offset, length), operation, Name);
    }

    /// <inheritdoc />
    public unsafe GlusterStat Stat()
    {
        const string operation = "glfs_fstat";
        using var lease = Use(operation);
        Interop.Gluster.Stat stat;
        GlusterCall.Check(Interop.Gluster.glfs_fstat(lease.Handle.DangerousGetHandle(), &stat), operation, Name);
        return GlusterCall.ToStat(stat);
    }

    /// <inheritdoc />
    public void Chmod(UnixFileMode mode)
    {
        const string operation = "glfs_fchmod";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_fchmod(lease.Handle.DangerousGetHandle(), (uint)mode), operation, Name);
    }

    /// <inheritdoc />
    public void Chown(int uid, int gid)
    {
        const string operation = "glfs_fchown";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_fchown(lease.Handle.DangerousGetHandle(), unchecked((uint)uid), unchecked((uint)gid)), operation, Name);
    }

    /// <inheritdoc />
    public unsafe void SetTimes(DateTimeOffset? accessTime, DateTimeOffset? modificationTime)
    {
        const string operation = "glfs_futimens";
        using var lease = Use(operation);
        var times = stackalloc Interop.Gluster.TimeSpec[2];
        GlusterCall.FromTimes(accessTime, modificationTime, times);
        GlusterCall.Check(Interop.Gluster.glfs_futimens(lease.Handle.DangerousGetHandle(), times), operation, Name);
    }

    /// <inheritdoc />
    public unsafe int GetXattr(string name, Span<byte> buffer)
    {
        GlusterArguments.CheckXattrName(name, nameof(name));
        const string operation = "glfs_fgetxattr";
        using var lease = Use(operation);
        fixed (byte* value = buffer)
        {
            return (int)GlusterCall.Check((long)Interop.Gluster.glfs_fgetxattr(lease.Handle.DangerousGetHandle(), name, value, (nuint)buffer.Length), operation, Name);
        }
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<string> ListXattrs()
    {
        const string operation = "glfs_flistxattr";
        using var lease = Use(operation);
        nint fd = lease.Handle.DangerousGetHandle();
        return XattrList.Read((value, size) => Interop.Gluster.glfs_flistxattr(fd, value, size), operation, Name);
    }

    /// <inheritdoc />
    public unsafe void SetXattr(string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags = GlusterXattrFlags.None)
    {
        GlusterArguments.CheckXattrName(name, nameof(name));
        const string operation = "glfs_fsetxattr";
        using var lease = Use(operation);
        fixed (byte* bytes = value)
        {
            GlusterCall.Check(Interop.Gluster.glfs_fsetxattr(lease.Handle.DangerousGetHandle(), name, bytes, (nuint)value.Length, (int)flags), operation, Name);
        }
    }

    /// <inheritdoc />
    public void RemoveXattr(string name)
    {
        GlusterArguments.CheckXattrName(name, nameof(name));
        const string operation = "glfs_fremovexattr";
        using var lease = Use(operation);
        GlusterCall.Check(Interop.Gluster.glfs_fremovexattr(lease.Handle.DangerousGetHandle(), name), operation, Name);
    }

    /// <inheritdoc />
    public IGlusterFile Duplicate()
    {
        const string operation = "glfs_dup";
        using var lease = Use(operation);
        nint dup = Interop.Gluster.glfs_dup(lease.Handle.DangerousGetHandle());
        if (dup == 0)
        {
            throw GlusterCall.LastError(operation, Name);
        }

        return new NativeGlusterFile(_volume, _volume.Track(dup, lease.Handle.Fs, isDirectory: false, operation, Name), Name, Flags);
    }

    /// <inheritdoc />
    /// <remarks>
    /// An error write-behind deferred to <c>glfs_close</c> is thrown here (the file is closed all the same), as the
    /// python binding's <c>close()</c> raises it.
    /// </remarks>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _volume.Release(_fd, "glfs_close", Name);
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <summary>An empty span pins to null; libgfapi gets a valid (if unused) address for 0 bytes instead.</summary>
    private static unsafe byte* NonNull(byte* bytes) => bytes is null ? EmptyBuffer : bytes;

    private HandleLease<GlusterFdHandle> Use(string operation)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        ObjectDisposedException.ThrowIf(_volume.IsDisposed, _volume);
        if (!HandleLease<GlusterFdHandle>.TryAcquire(_fd, out var lease))
        {
            // The fd was closed by Unmount of the volume, not by this file.
            throw NativeGlusterVolume.NotConnected(operation, Name);
        }

        _volume.ApplyIdentity();
        return lease;
    }
}
