using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedRadosIoContext
{
    private const string WriteOperate = "rados_write_op_operate2";
    private const string ReadOperate = "rados_read_op_operate";

    public void Operate(string objectName, RadosWriteOperation operation)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentNullException.ThrowIfNull(operation);
        operation.ThrowIfNotBuilding();
        Live(WriteOperate);
        StorageException? failure = RunOperation(objectName, operation, WriteOperate, emptyIsInvalid: false);
        if (failure is not null)
        {
            throw failure;
        }
    }

    public void Operate(string objectName, RadosReadOperation operation)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentNullException.ThrowIfNull(operation);
        operation.ThrowIfNotBuilding();
        Live(ReadOperate);
        StorageException? failure = RunOperation(objectName, operation, ReadOperate, emptyIsInvalid: false);
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Runs either kind of operation and completes it; returns the exception to throw, or null. librados does not
    /// even send an empty operation (0, whatever the object name) — except the aio calls, which answer EINVAL.
    /// </summary>
    private StorageException? RunOperation(string objectName, RadosOperation operation, string operateFunction, bool emptyIsInvalid)
    {
        operation.Begin();
        int returnCode;
        if (operation.Steps.Count == 0)
        {
            returnCode = emptyIsInvalid ? -(int)Errno.EINVAL : 0;
        }
        else if (!TryKey(operateFunction, objectName, out ObjectKey key, out returnCode))
        {
            _lastVersion = 0;
        }
        else
        {
            returnCode = operation is RadosWriteOperation write
                ? _pool.OperateWrite(key, write, out _lastVersion)
                : _pool.OperateRead(key, (RadosReadOperation)operation, out _lastVersion);
        }

        return operation.Complete(returnCode, objectName, operateFunction);
    }

    /// <summary>The object's identity, or the errno the OSD answers for it (a name too long, empty, ...).</summary>
    private bool TryKey(string operation, string objectName, out ObjectKey key, out int returnCode)
    {
        try
        {
            key = Key(operation, objectName);
            returnCode = 0;
            return true;
        }
        catch (StorageException ex) when (ex is not StorageNotConnectedException)
        {
            key = default;
            returnCode = -(int)ex.Errno;
            return false;
        }
    }
}
