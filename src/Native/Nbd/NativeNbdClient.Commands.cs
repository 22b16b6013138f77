using System.Runtime.InteropServices;
using StorageKit.Nbd;

namespace StorageKit.Native.Nbd;

/// <summary>
/// Synchronous transmission commands. Offsets and lengths are checked here (negative → argument errors);
/// everything else — bounds, flags, sizes, what the export supports — is left to libnbd's strict mode and the
/// server, whose errno comes back unchanged.
/// </summary>
public sealed partial class NativeNbdClient
{
    /// <inheritdoc />
    public unsafe void Read(Span<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using var lease = Use("nbd_pread");
        using var drive = _poller.EnterDrive();
        // libnbd wants a non-null buffer even for 0 bytes; an empty span pins to null.
        byte placeholder = 0;
        fixed (byte* pinned = buffer)
        {
            NbdCall.Check(Interop.Nbd.nbd_pread(lease.Handle, pinned is null ? &placeholder : pinned, (nuint)buffer.Length, (ulong)offset, (uint)flags), "nbd_pread");
        }
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<NbdReadChunk> ReadStructured(Span<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        const string operation = "nbd_pread_structured";
        using var lease = Use(operation);
        using var drive = _poller.EnterDrive();
        var collector = new NbdCollector<NbdReadChunk>();
        GCHandle target = GCHandle.Alloc(collector);
        byte placeholder = 0;
        try
        {
            fixed (byte* pinned = buffer)
            {
                NbdCall.Check(
                    Interop.Nbd.nbd_pread_structured(lease.Handle, pinned is null ? &placeholder : pinned, (nuint)buffer.Length, (ulong)offset, NbdCallbacks.During(NbdCallbacks.Chunk, target), (uint)flags),
                    operation);
            }
        }
        finally
        {
            target.Free();
        }

        collector.ThrowIfFailed();
        return collector.Items.AsReadOnly();
    }

    /// <inheritdoc />
    public unsafe void Write(ReadOnlySpan<byte> data, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using var lease = Use("nbd_pwrite");
        using var drive = _poller.EnterDrive();
        byte placeholder = 0;
        fixed (byte* pinned = data)
        {
            NbdCall.Check(Interop.Nbd.nbd_pwrite(lease.Handle, pinned is null ? &placeholder : pinned, (nuint)data.Length, (ulong)offset, (uint)flags), "nbd_pwrite");
        }
    }

    /// <inheritdoc />
    public void Trim(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        CheckRange(length, offset);
        using var lease = Use("nbd_trim");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_trim(lease.Handle, (ulong)length, (ulong)offset, (uint)flags), "nbd_trim");
    }

    /// <inheritdoc />
    public void Zero(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        CheckRange(length, offset);
        using var lease = Use("nbd_zero");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_zero(lease.Handle, (ulong)length, (ulong)offset, (uint)flags), "nbd_zero");
    }

    /// <inheritdoc />
    public void Cache(long length, long offset)
    {
        CheckRange(length, offset);
        using var lease = Use("nbd_cache");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_cache(lease.Handle, (ulong)length, (ulong)offset, 0), "nbd_cache");
    }

    /// <inheritdoc />
    public void Flush()
    {
        using var lease = Use("nbd_flush");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_flush(lease.Handle, 0), "nbd_flush");
    }

    /// <inheritdoc />
    public NbdBlockStatus BlockStatus(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None)
    {
        CheckRange(length, offset);
        const string operation = "nbd_block_status";
        using var lease = Use(operation);
        using var drive = _poller.EnterDrive();
        var collector = new NbdExtentCollector();
        GCHandle target = GCHandle.Alloc(collector);
        try
        {
            NbdCall.Check(Interop.Nbd.nbd_block_status(lease.Handle, (ulong)length, (ulong)offset, NbdCallbacks.During(NbdCallbacks.Extent, target), (uint)flags), operation);
        }
        finally
        {
            target.Free();
        }

        collector.ThrowIfFailed();
        return collector.ToBlockStatus();
    }

    private static void CheckRange(long length, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
    }
}
