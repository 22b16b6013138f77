using StorageKit.Rados;
using ReadOperation = StorageKit.Rados.RadosReadOperation;
using WriteOperation = StorageKit.Rados.RadosWriteOperation;

namespace StorageKit.Native.Rados;

/// <summary>
/// Compound operations: the kit's operation becomes a native op (<see cref="NativeCompoundOperation"/>), runs, and
/// its outputs go back into the steps; <see cref="RadosOperation.Complete"/> then turns librados' answer into the
/// step codes and the exception, exactly as the emulator does.
/// </summary>
internal sealed partial class NativeRadosIoContext
{
    private const string WriteOperate = "rados_write_op_operate2";
    private const string ReadOperate = "rados_read_op_operate";

    /// <inheritdoc />
    public unsafe void Operate(string objectName, WriteOperation operation)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentNullException.ThrowIfNull(operation);
        operation.ThrowIfNotBuilding();
        using var lease = Use(WriteOperate, objectName);
        operation.Begin();
        int returnCode;
        using (var native = NativeCompoundOperation.Build(operation))
        {
            if (operation.ModifiedTime is { } time)
            {
                var modifiedTime = new Interop.Rados.TimeSpec
                {
                    Seconds = time.ToUnixTimeSeconds(),
                    Nanoseconds = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % TimeSpan.TicksPerSecond * 100,
                };
                returnCode = Interop.Rados.rados_write_op_operate2(native.Pointer, lease.Handle, objectName, &modifiedTime, (int)operation.Flags);
            }
            else
            {
                returnCode = Interop.Rados.rados_write_op_operate2(native.Pointer, lease.Handle, objectName, modifiedTime: null, (int)operation.Flags);
            }

            native.Harvest(objectName);
        }

        StorageException? failure = operation.Complete(returnCode, objectName, WriteOperate);
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public void Operate(string objectName, ReadOperation operation)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentNullException.ThrowIfNull(operation);
        operation.ThrowIfNotBuilding();
        using var lease = Use(ReadOperate, objectName);
        operation.Begin();
        int returnCode;
        using (var native = NativeCompoundOperation.Build(operation))
        {
            returnCode = Interop.Rados.rados_read_op_operate(native.Pointer, lease.Handle, objectName, (int)operation.Flags);
            native.Harvest(objectName);
        }

        StorageException? failure = operation.Complete(returnCode, objectName, ReadOperate);
        if (failure is not null)
        {
            throw failure;
        }
    }
}
