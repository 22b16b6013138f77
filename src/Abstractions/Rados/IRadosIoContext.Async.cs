namespace StorageKit.Rados;

/// <summary>
/// Asynchronous I/O (librados <c>rados_aio_*</c>). Arguments are checked when the method is called (the
/// <see cref="ArgumentException"/>s are thrown then); everything else — a disposed io context, a shut-down client,
/// the cluster's errno — arrives through the returned task. Operations on one object submitted one after another
/// are applied in that order, even when nobody awaits in between.
/// </summary>
/// <remarks>
/// Cancellation: a token cancelled before the call submits nothing and returns a cancelled task. Once submitted,
/// librados cannot take an operation back: cancelling completes the task as cancelled at once and asks librados to
/// stop waiting (<c>rados_aio_cancel</c>), but the OSD may still have applied a write — measured on Ceph 16, a
/// write_full cancelled right after submission was applied. Buffers stay pinned until librados is done with them.
/// </remarks>
public partial interface IRadosIoContext
{
    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/> (<c>rados_aio_read</c>); the count read, as <see cref="Read"/>.</summary>
    Task<int> ReadAsync(string objectName, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (<c>rados_aio_write</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty and <paramref name="offset"/> is past 0 (a Ceph 16 OSD can then keep a stale full-object checksum and make the object unreadable; measured).</exception>
    Task WriteAsync(string objectName, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole object with <paramref name="data"/> (<c>rados_aio_write_full</c>).</summary>
    Task WriteFullAsync(string objectName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Appends <paramref name="data"/> (<c>rados_aio_append</c>).</summary>
    Task AppendAsync(string objectName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Removes the object (<c>rados_aio_remove</c>); ENOENT when missing.</summary>
    Task RemoveAsync(string objectName, CancellationToken cancellationToken = default);

    /// <summary>Size and modification time (<c>rados_aio_stat</c>); ENOENT when missing.</summary>
    Task<RadosObjectStat> StatAsync(string objectName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a compound write operation (<c>rados_aio_write_op_operate</c>), as <see cref="Operate(string, RadosWriteOperation)"/>.
    /// Measured: an empty operation fails with EINVAL here (the synchronous call returns 0).
    /// </summary>
    Task OperateAsync(string objectName, RadosWriteOperation operation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a compound read operation (<c>rados_aio_read_op_operate</c>), as <see cref="Operate(string, RadosReadOperation)"/>;
    /// the read buffers are written until the task completes. An empty operation fails with EINVAL.
    /// </summary>
    Task OperateAsync(string objectName, RadosReadOperation operation, CancellationToken cancellationToken = default);
}
