using StorageKit.Nbd;

namespace StorageKit.Native.Nbd;

/// <summary>
/// Asynchronous commands over <c>nbd_aio_*</c>: arguments, a closed handle and a refused submission (libnbd's
/// strict mode, a dead connection) throw on the caller's thread with libnbd's error; otherwise the task completes from the completion callback on whichever thread moved the
/// connection along (the poller, or a synchronous call). Buffers stay pinned until libnbd frees the command.
/// </summary>
public sealed partial class NativeNbdClient
{
    private delegate long AioSubmit(NbdHandle handle, NbdAioOperation operation);

    /// <inheritdoc />
    public int InFlight
    {
        get
        {
            using var lease = Use("nbd_aio_in_flight");
            return (int)NbdCall.Check(Interop.Nbd.nbd_aio_in_flight(lease.Handle), "nbd_aio_in_flight");
        }
    }

    /// <inheritdoc />
    public unsafe Task ReadAsync(Memory<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return Submit("nbd_aio_pread", "read", static _ => true, (handle, aio) =>
            Interop.Nbd.nbd_aio_pread(handle, Pin(aio, buffer), (nuint)buffer.Length, (ulong)offset, aio.CompletionCallback, (uint)flags), cancellationToken);
    }

    /// <inheritdoc />
    public unsafe Task WriteAsync(ReadOnlyMemory<byte> data, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return Submit("nbd_aio_pwrite", "write", static _ => true, (handle, aio) =>
            Interop.Nbd.nbd_aio_pwrite(handle, Pin(aio, data), (nuint)data.Length, (ulong)offset, aio.CompletionCallback, (uint)flags), cancellationToken);
    }

    /// <inheritdoc />
    public Task TrimAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
    {
        CheckRange(length, offset);
        return Submit("nbd_aio_trim", "trim", static _ => true, (handle, aio) =>
            Interop.Nbd.nbd_aio_trim(handle, (ulong)length, (ulong)offset, aio.CompletionCallback, (uint)flags), cancellationToken);
    }

    /// <inheritdoc />
    public Task ZeroAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
    {
        CheckRange(length, offset);
        return Submit("nbd_aio_zero", "write-zeroes", static _ => true, (handle, aio) =>
            Interop.Nbd.nbd_aio_zero(handle, (ulong)length, (ulong)offset, aio.CompletionCallback, (uint)flags), cancellationToken);
    }

    /// <inheritdoc />
    public Task CacheAsync(long length, long offset, CancellationToken cancellationToken = default)
    {
        CheckRange(length, offset);
        return Submit("nbd_aio_cache", "cache", static _ => true, (handle, aio) =>
            Interop.Nbd.nbd_aio_cache(handle, (ulong)length, (ulong)offset, aio.CompletionCallback, 0), cancellationToken);
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default)
        => Submit("nbd_aio_flush", "flush", static _ => true, (handle, aio) =>
            Interop.Nbd.nbd_aio_flush(handle, aio.CompletionCallback, 0), cancellationToken);

    /// <inheritdoc />
    public Task<NbdBlockStatus> BlockStatusAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default)
    {
        CheckRange(length, offset);
        return Submit(
            "nbd_aio_block_status",
            "block-status",
            static aio => aio.Extents!.ToBlockStatus(),
            (handle, aio) => Interop.Nbd.nbd_aio_block_status(handle, (ulong)length, (ulong)offset, aio.ExtentCallback, aio.CompletionCallback, (uint)flags),
            cancellationToken,
            new NbdExtentCollector());
    }

    /// <summary>A pinned address for <paramref name="buffer"/> (never null: libnbd rejects a null buffer even for 0 bytes).</summary>
    private static unsafe byte* Pin(NbdAioOperation aio, ReadOnlyMemory<byte> buffer)
        => aio.Pin(buffer.IsEmpty ? new byte[1] : buffer);

    /// <summary>
    /// Submits one command. As in libnbd's other bindings, what fails at submission (a closed handle, strict-mode
    /// checks, a dead connection) throws here; the task carries only what the reply says. The poller is told
    /// before (so it runs) and after (the socket may now want writing). A token cancelled beforehand sends
    /// nothing; cancelled later it only stops the waiting.
    /// </summary>
    private Task<T> Submit<T>(string operation, string command, Func<NbdAioOperation, T> result, AioSubmit submit, CancellationToken cancellationToken, NbdExtentCollector? extents = null)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        using var lease = Use(operation);
        try
        {
            _poller.CommandSubmitting();
        }
        catch (ObjectDisposedException)
        {
            throw new NbdClosedHandleException(operation);
        }

        var aio = new NbdAioOperation<T>(_poller, operation, command, result, extents);
        try
        {
            if (submit(lease.Handle, aio) < 0)
            {
                // libnbd has run the free function already (measured), so nothing is left to release.
                throw NbdCall.LastError(operation);
            }
        }
        finally
        {
            aio.Submitting = false;
            _poller.Wake();
        }

        return cancellationToken.CanBeCanceled ? aio.Task.WaitAsync(cancellationToken) : aio.Task;
    }
}
