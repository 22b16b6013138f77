using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary><see cref="IRbdImage"/> over an open librbd <c>rbd_image_t</c>.</summary>
internal sealed partial class NativeRbdImage : IRbdImage
{
    private readonly RbdImageHandle _handle;

    internal NativeRbdImage(string name, RbdImageHandle handle)
    {
        Name = name;
        _handle = handle;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public unsafe string Id
    {
        get
        {
            using var lease = Use();
            RbdImageHandle image = lease.Handle;
            var (buffer, _) = RadosCall.WithGrowingBuffer(
                buffer =>
                {
                    fixed (byte* pointer = buffer)
                    {
                        return Interop.Rbd.rbd_get_id(image, pointer, (nuint)buffer.Length);
                    }
                },
                "rbd_get_id",
                Name,
                initialSize: 64);
            return NativeText.FromNulTerminated(buffer);
        }
    }

    /// <inheritdoc />
    public long Size
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_size(lease.Handle, out ulong size), "rbd_get_size", Name);
            return checked((long)size);
        }
    }

    /// <inheritdoc />
    public unsafe int Read(Span<byte> buffer, long offset)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        using var lease = Use();
        // librbd 16 aborts the process (ceph_assert in Striper::StripedReadResult::assemble_result) on a
        // null buffer, which is what an empty span pins to: give it a real address (measured).
        byte placeholder = 0;
        fixed (byte* pinned = buffer)
        {
            byte* pointer = buffer.IsEmpty ? &placeholder : pinned;
            return RadosCall.Check(checked((int)Interop.Rbd.rbd_read(lease.Handle, (ulong)offset, (nuint)buffer.Length, pointer)), "rbd_read", Name);
        }
    }

    /// <inheritdoc />
    public unsafe int Write(ReadOnlySpan<byte> data, long offset)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        using var lease = Use();
        byte placeholder = 0;
        fixed (byte* pinned = data)
        {
            // As for reads: never hand librbd a null buffer.
            byte* pointer = data.IsEmpty ? &placeholder : pinned;
            return RadosCall.Check(checked((int)Interop.Rbd.rbd_write(lease.Handle, (ulong)offset, (nuint)data.Length, pointer)), "rbd_write", Name);
        }
    }

    /// <inheritdoc />
    public long Discard(long offset, long length)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        using var lease = Use();
        return RadosCall.Check(Interop.Rbd.rbd_discard(lease.Handle, (ulong)offset, (ulong)length), "rbd_discard", Name);
    }

    /// <inheritdoc />
    public void Flush()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_flush(lease.Handle), "rbd_flush", Name);
    }

    /// <inheritdoc />
    public void Resize(long size)
    {
        RbdArguments.NotNegative(size, nameof(size));
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_resize(lease.Handle, (ulong)size), "rbd_resize", Name);
    }

    /// <inheritdoc />
    public unsafe RbdImageStat Stat()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_stat(lease.Handle, out var info, (nuint)sizeof(Interop.Rbd.ImageInfo)), "rbd_stat", Name);
        string prefix = NativeText.FromNulTerminated(new ReadOnlySpan<byte>(info.BlockNamePrefix, 24).ToArray());
        string parentName = NativeText.FromNulTerminated(new ReadOnlySpan<byte>(info.ParentName, 96).ToArray());
        return new RbdImageStat(checked((long)info.Size), checked((long)info.ObjectSize), checked((long)info.ObjectCount), info.Order, prefix, info.ParentPool, parentName);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        UnwatchUpdates();
        _handle.Dispose();
    }

    private HandleLease<RbdImageHandle> Use()
    {
        if (HandleLease<RbdImageHandle>.TryAcquire(_handle, out var lease))
        {
            return lease;
        }

        throw new ObjectDisposedException(GetType().FullName);
    }
}
