using System.Buffers;
using StorageKit.Rados;
using ReadOperation = StorageKit.Rados.RadosReadOperation;
using WriteOperation = StorageKit.Rados.RadosWriteOperation;

namespace StorageKit.Native.Rados;

/// <summary>
/// Async I/O over <c>rados_aio_*</c>: arguments are checked on the caller's thread, then <see cref="Submit"/> takes a
/// reference on the io context, creates a <see cref="RadosAioCompletion{T}"/>, keeps the buffers pinned in it and
/// submits; the task completes from the completion callback.
/// </summary>
internal sealed partial class NativeRadosIoContext
{
    private unsafe delegate int AioSubmit(RadosAioCompletion aio);

    /// <inheritdoc />
    public unsafe Task<int> ReadAsync(string objectName, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        const string operation = "rados_aio_read";
        // Measured on Ceph 16: rados_aio_read with length 0 reads the whole object into the (empty) buffer. Read one
        // byte into scratch memory instead and answer as rados_read answers an empty buffer: ERANGE when there was
        // data at the offset, 0 when there was none.
        bool empty = buffer.IsEmpty;
        return Submit(
            operation,
            objectName,
            returnCode =>
            {
                int read = RadosCall.Check(returnCode, operation, objectName);
                return empty && read > 0 ? throw StorageErrors.Create(Errno.ERANGE, operation, objectName) : read;
            },
            aio =>
            {
                byte* target;
                if (empty)
                {
                    var scratch = new NativeMemoryBlock(1);
                    aio.Keep(scratch);
                    target = scratch.Pointer;
                }
                else
                {
                    MemoryHandle pin = buffer.Pin();
                    aio.Keep(pin);
                    target = (byte*)pin.Pointer;
                }

                return Interop.Rados.rados_aio_read(aio.IoContext, objectName, aio.Completion, target, empty ? 1u : (nuint)buffer.Length, (ulong)offset);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public unsafe Task WriteAsync(string objectName, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        RadosOperationArguments.NotAnEmptyWritePastStart(data.Length, offset, nameof(data));
        const string operation = "rados_aio_write";
        return Submit(operation, objectName, Checked(operation, objectName), aio =>
            Interop.Rados.rados_aio_write(aio.IoContext, objectName, aio.Completion, Pinned(aio, data), (nuint)data.Length, (ulong)offset), cancellationToken);
    }

    /// <inheritdoc />
    public unsafe Task WriteFullAsync(string objectName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_aio_write_full";
        return Submit(operation, objectName, Checked(operation, objectName), aio =>
            Interop.Rados.rados_aio_write_full(aio.IoContext, objectName, aio.Completion, Pinned(aio, data), (nuint)data.Length), cancellationToken);
    }

    /// <inheritdoc />
    public unsafe Task AppendAsync(string objectName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_aio_append";
        return Submit(operation, objectName, Checked(operation, objectName), aio =>
            Interop.Rados.rados_aio_append(aio.IoContext, objectName, aio.Completion, Pinned(aio, data), (nuint)data.Length), cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string objectName, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_aio_remove";
        return Submit(operation, objectName, Checked(operation, objectName), aio =>
            Interop.Rados.rados_aio_remove(aio.IoContext, objectName, aio.Completion), cancellationToken);
    }

    /// <inheritdoc />
    public unsafe Task<RadosObjectStat> StatAsync(string objectName, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_aio_stat";
        NativeMemoryBlock? output = null;
        return Submit(
            operation,
            objectName,
            returnCode =>
            {
                RadosCall.Check(returnCode, operation, objectName);
                return new RadosObjectStat(checked((long)*(ulong*)output!.Pointer), DateTimeOffset.FromUnixTimeSeconds(*(long*)(output.Pointer + 8)));
            },
            aio =>
            {
                output = new NativeMemoryBlock(16);
                aio.Keep(output);
                return Interop.Rados.rados_aio_stat(aio.IoContext, objectName, aio.Completion, (ulong*)output.Pointer, (long*)(output.Pointer + 8));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public unsafe Task OperateAsync(string objectName, WriteOperation operation, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentNullException.ThrowIfNull(operation);
        operation.ThrowIfNotBuilding();
        const string operate = "rados_aio_write_op_operate";
        NativeCompoundOperation? native = null;
        return Submit(operate, objectName, Completing(operation, objectName, operate, () => native), aio =>
        {
            operation.Begin();
            native = NativeCompoundOperation.Build(operation);
            aio.Keep(native);
            // The aio call takes whole seconds (time_t), which is all Pacific keeps anyway.
            long seconds = operation.ModifiedTime?.ToUnixTimeSeconds() ?? 0;
            return Interop.Rados.rados_aio_write_op_operate(
                native.Pointer, aio.IoContext, aio.Completion, objectName, operation.ModifiedTime is null ? null : &seconds, (int)operation.Flags);
        },
        cancellationToken);
    }

    /// <inheritdoc />
    public Task OperateAsync(string objectName, ReadOperation operation, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentNullException.ThrowIfNull(operation);
        operation.ThrowIfNotBuilding();
        const string operate = "rados_aio_read_op_operate";
        NativeCompoundOperation? native = null;
        return Submit(operate, objectName, Completing(operation, objectName, operate, () => native), aio =>
        {
            operation.Begin();
            native = NativeCompoundOperation.Build(operation);
            aio.Keep(native);
            return Interop.Rados.rados_aio_read_op_operate(native.Pointer, aio.IoContext, aio.Completion, objectName, (int)operation.Flags);
        },
        cancellationToken);
    }

    private static Func<int, bool> Checked(string operation, string objectName)
        => returnCode => RadosCall.Check(returnCode, operation, objectName) >= 0;

    private static Func<int, bool> Completing(RadosOperation operation, string objectName, string operate, Func<NativeCompoundOperation?> native)
        => returnCode =>
        {
            native()?.Harvest(objectName);
            StorageException? failure = operation.Complete(returnCode, objectName, operate);
            return failure is null ? true : throw failure;
        };

    private static unsafe byte* Pinned(RadosAioCompletion aio, ReadOnlyMemory<byte> data)
    {
        // librados copies written data when the call is made; the pin is held to completion all the same.
        MemoryHandle pin = data.Pin();
        aio.Keep(pin);
        return (byte*)pin.Pointer;
    }

    /// <summary>
    /// Submits one aio call: a cancelled token submits nothing; lifetime errors (disposed, shut down) and a failed
    /// submission come back as a faulted task; otherwise the task completes when librados calls back.
    /// </summary>
    private Task<T> Submit<T>(string operation, string objectName, Func<int, T> finish, AioSubmit submit, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            // The lease covers the submission itself; the completion holds its own reference until librados is done.
            using var lease = Use(operation, objectName);
            bool added = false;
            _handle.DangerousAddRef(ref added);
            RadosAioCompletion<T> aio;
            try
            {
                aio = new RadosAioCompletion<T>(_handle, finish);
            }
            catch
            {
                _handle.DangerousRelease();
                throw;
            }

            int returnCode;
            try
            {
                returnCode = submit(aio);
            }
#pragma warning disable CA1031 // Whatever failed before librados took the operation travels through the task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                aio.Abandon(ex);
                return aio.Task;
            }

            if (returnCode < 0)
            {
                aio.Abandon(FailureOf(finish, returnCode));
                return aio.Task;
            }

            aio.Submitted(cancellationToken);
            return aio.Task;
        }
        catch (Exception ex) when (ex is StorageException or ObjectDisposedException)
        {
            return Task.FromException<T>(ex);
        }
    }

    /// <summary>The exception <paramref name="finish"/> raises for a failed submission's return code.</summary>
    private static Exception FailureOf<T>(Func<int, T> finish, int returnCode)
    {
        try
        {
            finish(returnCode);
            return new InvalidOperationException($"librados refused the submission with {returnCode}.");
        }
#pragma warning disable CA1031 // The exception is the result here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
