using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// Async I/O of the emulator: each call checks its arguments, then submits through <see cref="EmulatedCompletion{T}"/>,
/// which applies the operation at once (in order) and completes the task on the thread pool. Errors carry the aio
/// function's name, as the native client reports them.
/// </summary>
internal sealed partial class EmulatedRadosIoContext
{
    public Task<int> ReadAsync(string objectName, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        return EmulatedCompletion<int>.Submit(() => Renaming("rados_aio_read", () => Read(objectName, buffer.Span, offset)), cancellationToken);
    }

    public Task WriteAsync(string objectName, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        RadosOperationArguments.NotAnEmptyWritePastStart(data.Length, offset, nameof(data));
        return EmulatedCompletion<bool>.Submit(() => Renaming("rados_aio_write", () => Done(() => Write(objectName, data.Span, offset))), cancellationToken);
    }

    public Task WriteFullAsync(string objectName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        return EmulatedCompletion<bool>.Submit(() => Renaming("rados_aio_write_full", () => Done(() => WriteFull(objectName, data.Span))), cancellationToken);
    }

    public Task AppendAsync(string objectName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        return EmulatedCompletion<bool>.Submit(() => Renaming("rados_aio_append", () => Done(() => Append(objectName, data.Span))), cancellationToken);
    }

    public Task RemoveAsync(string objectName, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        return EmulatedCompletion<bool>.Submit(() => Renaming("rados_aio_remove", () => Done(() => Remove(objectName))), cancellationToken);
    }

    public Task<RadosObjectStat> StatAsync(string objectName, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        return EmulatedCompletion<RadosObjectStat>.Submit(() => Renaming("rados_aio_stat", () => Stat(objectName)), cancellationToken);
    }

    public Task OperateAsync(string objectName, RadosWriteOperation operation, CancellationToken cancellationToken = default)
        => OperateAsync(objectName, (RadosOperation)operation, "rados_aio_write_op_operate", cancellationToken);

    public Task OperateAsync(string objectName, RadosReadOperation operation, CancellationToken cancellationToken = default)
        => OperateAsync(objectName, (RadosOperation)operation, "rados_aio_read_op_operate", cancellationToken);

    private Task<bool> OperateAsync(string objectName, RadosOperation operation, string operateFunction, CancellationToken cancellationToken)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentNullException.ThrowIfNull(operation);
        operation.ThrowIfNotBuilding();
        return EmulatedCompletion<bool>.Submit(
            () =>
            {
                Live(operateFunction);
                StorageException? failure = RunOperation(objectName, operation, operateFunction, emptyIsInvalid: true);
                return failure is null ? true : throw failure;
            },
            cancellationToken);
    }

    private static bool Done(Action call)
    {
        call();
        return true;
    }

    /// <summary>Runs a synchronous call and reports its storage errors under the aio function's name.</summary>
    private static T Renaming<T>(string operation, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (StorageException ex)
        {
            throw StorageErrors.Create(ex.Errno, operation, ex.Target);
        }
    }
}
