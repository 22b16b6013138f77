using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>Read-only handles, zeroing and resizing with progress.</summary>
internal sealed partial class NativeRbdImage
{
    /// <summary>Whether the handle was opened read-only (<c>rbd_open_read_only</c>): writes are EROFS for good, even at the head.</summary>
    internal bool OpenedReadOnly { get; init; }

    /// <summary>
    /// Whether the handle reads a snapshot: opened at one, or moved there by the snapshots area's <c>rbd_snap_set</c>
    /// (which must clear it when going back to the head). Writes are EROFS there; a writable handle opened at a
    /// snapshot writes again once set back to the head (measured).
    /// </summary>
    internal bool ReadingSnapshot { get; set; }

    /// <inheritdoc />
    public bool IsReadOnly
    {
        get
        {
            using var lease = Use();
            return OpenedReadOnly || ReadingSnapshot;
        }
    }

    /// <inheritdoc />
    public long WriteZeroes(long offset, long length)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        using var lease = Use();
        // zero_flags 0 (no thick provisioning) and op_flags 0, as python's write_zeroes defaults.
        return RadosCall.Check((long)Interop.Rbd.rbd_write_zeroes(lease.Handle, (ulong)offset, checked((nuint)length), 0, 0), "rbd_write_zeroes", Name);
    }

    /// <inheritdoc />
    public unsafe void Resize(long size, bool allowShrink, IProgress<RbdProgress>? progress)
    {
        RbdArguments.NotNegative(size, nameof(size));
        using var lease = Use();
        if (progress is null)
        {
            RadosCall.Check(Interop.Rbd.rbd_resize2(lease.Handle, (ulong)size, allowShrink, null, 0), "rbd_resize2", Name);
            return;
        }

        using var relay = new NativeRbdProgress(progress);
        RadosCall.Check(Interop.Rbd.rbd_resize2(lease.Handle, (ulong)size, allowShrink, NativeRbdProgress.Callback, relay.State), "rbd_resize2", Name);
        relay.ThrowIfFailed();
    }

    /// <summary>The name of an image opened by id (<c>rbd_get_name</c>, which answers ERANGE with the length it needs).</summary>
    internal static unsafe string NameOf(RbdImageHandle image, string id)
    {
        nuint length = 64;
        while (true)
        {
            var buffer = new byte[(int)length];
            nuint given = length;
            int returnCode;
            fixed (byte* pointer = buffer)
            {
                returnCode = Interop.Rbd.rbd_get_name(image, pointer, ref length);
            }

            if (returnCode == -(int)Errno.ERANGE && length > given)
            {
                continue;
            }

            RadosCall.Check(returnCode, "rbd_get_name", id);
            return NativeText.FromNulTerminated(buffer);
        }
    }
}
