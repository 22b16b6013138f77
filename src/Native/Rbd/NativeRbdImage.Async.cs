using System.Buffers;
using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>
/// Async image I/O over <c>rbd_aio_*</c>: arguments are checked on the caller's thread; then <see cref="Submit"/>
/// takes a reference on the image handle, creates an <see cref="RbdAioCompletion{T}"/> holding the pinned buffer
/// and submits; the task completes from librbd's callback. Errors librbd finds (EINVAL past the end, EROFS) arrive
/// through the completion (measured). Cache maintenance, sparsify and object-map rebuild are here too.
/// </summary>
internal sealed partial class NativeRbdImage
{
    private unsafe delegate int RbdAioSubmit(RbdImageHandle image, nint completion);

    /// <inheritdoc />
    public unsafe Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        const string operation = "rbd_aio_read";
        return Submit(operation, result => checked((int)RadosCall.Check(result, operation, Name)), (image, completion, aio) =>
            Interop.Rbd.rbd_aio_read(image, (ulong)offset, (nuint)buffer.Length, Pinned(aio, buffer), completion), cancellationToken);
    }

    /// <inheritdoc />
    public unsafe Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        const string operation = "rbd_aio_write";
        return Submit(operation, result => RadosCall.Check(result, operation, Name), (image, completion, aio) =>
            Interop.Rbd.rbd_aio_write(image, (ulong)offset, (nuint)data.Length, Pinned(aio, data), completion), cancellationToken);
    }

    /// <inheritdoc />
    public Task DiscardAsync(long offset, long length, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        const string operation = "rbd_aio_discard";
        return Submit(operation, result => RadosCall.Check(result, operation, Name), (image, completion, _) =>
            Interop.Rbd.rbd_aio_discard(image, (ulong)offset, (ulong)length, completion), cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteZeroesAsync(long offset, long length, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        const string operation = "rbd_aio_write_zeroes";
        return Submit(operation, result => RadosCall.Check(result, operation, Name), (image, completion, _) =>
            Interop.Rbd.rbd_aio_write_zeroes(image, (ulong)offset, (nuint)length, completion, 0, 0), cancellationToken);
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        const string operation = "rbd_aio_flush";
        return Submit(operation, result => RadosCall.Check(result, operation, Name), (image, completion, _) =>
            Interop.Rbd.rbd_aio_flush(image, completion), cancellationToken);
    }

    /// <inheritdoc />
    public void InvalidateCache()
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_invalidate_cache(lease.Handle), "rbd_invalidate_cache", Name);
    }

    /// <inheritdoc />
    public unsafe void Sparsify(long sparseSize, IProgress<RbdProgress>? progress = null)
    {
        RbdArguments.NotNegative(sparseSize, nameof(sparseSize));
        using var lease = Use();
        // librbd 16 calls the progress function unchecked: a null one crashes the process (measured).
        using var relay = new NativeRbdProgress(progress ?? IgnoredProgress.Instance);
        RadosCall.Check(Interop.Rbd.rbd_sparsify_with_progress(lease.Handle, (nuint)sparseSize, NativeRbdProgress.Callback, relay.State), "rbd_sparsify_with_progress", Name);
        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public unsafe void RebuildObjectMap(IProgress<RbdProgress>? progress = null)
    {
        using var lease = Use();
        // As for sparsify: never hand librbd a null progress function.
        using var relay = new NativeRbdProgress(progress ?? IgnoredProgress.Instance);
        RadosCall.Check(Interop.Rbd.rbd_rebuild_object_map(lease.Handle, NativeRbdProgress.Callback, relay.State), "rbd_rebuild_object_map", Name);
        relay.ThrowIfFailed();
    }

    /// <summary>A progress sink that drops the reports.</summary>
    private sealed class IgnoredProgress : IProgress<RbdProgress>
    {
        public static readonly IgnoredProgress Instance = new();

        public void Report(RbdProgress value)
        {
        }
    }

    /// <summary>A pinned pointer to <paramref name="data"/>, kept until completion; never null (librbd 16 aborts on a null buffer).</summary>
    private static unsafe byte* Pinned<T>(RbdAioCompletion<T> aio, ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
        {
            var scratch = new NativeMemoryBlock(1);
            aio.Keep(scratch);
            return scratch.Pointer;
        }

        MemoryHandle pin = data.Pin();
        aio.Keep(pin);
        return (byte*)pin.Pointer;
    }

    /// <summary>
    /// Submits one aio call: a cancelled token submits nothing; a disposed handle and a failed submission come back
    /// as a faulted task; otherwise the task completes when librbd calls back.
    /// </summary>
    private Task<T> Submit<T>(string operation, Func<long, T> finish, Func<RbdImageHandle, nint, RbdAioCompletion<T>, int> submit, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            using var lease = Use();
            bool added = false;
            _handle.DangerousAddRef(ref added);
            RbdAioCompletion<T> aio;
            try
            {
                aio = new RbdAioCompletion<T>(_handle, finish);
            }
            catch
            {
                _handle.DangerousRelease();
                throw;
            }

            int returnCode;
            try
            {
                returnCode = submit(lease.Handle, aio.Completion, aio);
            }
#pragma warning disable CA1031 // Whatever failed before librbd took the operation travels through the task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                aio.Abandon(ex);
                return aio.Task;
            }

            if (returnCode < 0)
            {
                aio.Abandon(StorageErrors.FromReturnCode(returnCode, operation, Name));
            }

            return aio.Task;
        }
        catch (Exception ex) when (ex is StorageException or ObjectDisposedException)
        {
            return Task.FromException<T>(ex);
        }
    }
}
