namespace StorageKit.Rados;

public partial interface IRadosIoContext
{
    /// <summary>
    /// Runs a compound write operation on <paramref name="objectName"/> (<c>rados_write_op_operate2</c>): all its
    /// steps or none, in order. On failure throws the <see cref="StorageException"/> of the first failing step
    /// (<see cref="StorageException.Operation"/> = that step's C function); the steps keep their return codes either
    /// way. An operation runs once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The operation already ran.</exception>
    void Operate(string objectName, RadosWriteOperation operation);

    /// <summary>
    /// Runs a compound read operation on <paramref name="objectName"/> (<c>rados_read_op_operate</c>) and fills the
    /// results of its steps. On failure throws the <see cref="StorageException"/> of the failing step; steps before it
    /// keep their results. A step that failed without failing the operation (a read into an empty buffer) throws too,
    /// unless it is flagged <see cref="RadosStepOptions.FailOk"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The operation already ran.</exception>
    void Operate(string objectName, RadosReadOperation operation);
}
