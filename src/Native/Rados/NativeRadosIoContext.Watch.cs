using System.Runtime.InteropServices;
using System.Text;
using StorageKit.Rados;

namespace StorageKit.Native.Rados;

internal sealed partial class NativeRadosIoContext
{
    /// <inheritdoc />
    public IRadosWatch Watch(string objectName, TimeSpan? timeout = null)
    {
        RadosArguments.ObjectName(objectName);
        uint? seconds = timeout is null ? null : RadosTimeouts.WatchSeconds(timeout);
        string operation = seconds is null ? "rados_watch2" : "rados_watch3";
        using var lease = Use(operation, objectName);
        // The watch gets an io context of its own with this one's pool, namespace and locator key, so its acks
        // and checks keep addressing the watched object whatever happens to this io context later.
        long poolId = PoolId;
        RadosIoContextHandle own = RadosIoContextHandle.Create(_client.ClusterHandle, cluster =>
        {
            RadosCall.Check(Interop.Rados.rados_ioctx_create2(cluster, poolId, out nint created), "rados_ioctx_create2", objectName);
            return created;
        });
        try
        {
            Interop.Rados.rados_ioctx_set_namespace(own, _namespace);
            Interop.Rados.rados_ioctx_locator_set_key(own, _locatorKey);
        }
        catch
        {
            own.Dispose();
            throw;
        }

        return NativeRadosWatch.Register(_client, own, objectName, seconds, operation);
    }

    /// <inheritdoc />
    public unsafe RadosNotifyResult Notify(string objectName, ReadOnlySpan<byte> payload, TimeSpan? timeout = null)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, int.MaxValue, nameof(payload));
        ulong milliseconds = RadosTimeouts.NotifyMilliseconds(timeout);
        const string operation = "rados_notify2";
        using var lease = Use(operation, objectName);
        byte* reply = null;
        nuint replyLength = 0;
        int returnCode;
        try
        {
            fixed (byte* bytes = payload)
            {
                returnCode = Interop.Rados.rados_notify2(lease.Handle, objectName, bytes, payload.Length, milliseconds, out reply, out replyLength);
            }

            return NotifyResult(returnCode, reply, replyLength, operation, objectName);
        }
        finally
        {
            if (reply is not null)
            {
                Interop.Rados.rados_buffer_free(reply);
            }
        }
    }

    /// <inheritdoc />
    public unsafe Task<RadosNotifyResult> NotifyAsync(
        string objectName, ReadOnlyMemory<byte> payload, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, int.MaxValue, nameof(payload));
        ulong milliseconds = RadosTimeouts.NotifyMilliseconds(timeout);
        const string operation = "rados_aio_notify";
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<RadosNotifyResult>(cancellationToken);
        }

        try
        {
            return Submit();
        }
        catch (StorageException ex)
        {
            return Task.FromException<RadosNotifyResult>(ex);
        }

        Task<RadosNotifyResult> Submit()
        {
            using var lease = Use(operation, objectName);
            RadosIoContextHandle ioContext = lease.Handle;
            // librados fills the reply slots when the notify completes, after this method returned, so they live
            // in native memory until the completion callback; so does a reference on the io context.
            var slots = (nint*)NativeMemory.AllocZeroed(2, (nuint)sizeof(nint));
            bool referenced = false;
            ioContext.DangerousAddRef(ref referenced);
            RadosAioCall<RadosNotifyResult> call;
            try
            {
                call = new RadosAioCall<RadosNotifyResult>(returnCode =>
                {
                    var reply = (byte*)slots[0];
                    try
                    {
                        return NotifyResult(returnCode, reply, (nuint)slots[1], operation, objectName);
                    }
                    finally
                    {
                        if (reply is not null)
                        {
                            Interop.Rados.rados_buffer_free(reply);
                        }

                        NativeMemory.Free(slots);
                        // Never on librados' finisher thread: dropping the last reference there would shut the
                        // connection down from inside librados, which aborts the process.
                        ThreadPool.UnsafeQueueUserWorkItem(static handle => handle.DangerousRelease(), ioContext, preferLocal: false);
                    }
                });
            }
            catch
            {
                NativeMemory.Free(slots);
                ioContext.DangerousRelease();
                throw;
            }

            int submitted;
            fixed (byte* bytes = payload.Span)
            {
                // The payload is copied before rados_aio_notify returns.
                submitted = Interop.Rados.rados_aio_notify(ioContext, objectName, call.Completion, bytes, payload.Length, milliseconds, (byte**)slots, (nuint*)(slots + 1));
            }

            if (submitted < 0)
            {
                call.Abandon();
                NativeMemory.Free(slots);
                ioContext.DangerousRelease();
                throw StorageErrors.FromReturnCode(submitted, operation, objectName);
            }

            return call.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<RadosWatcher> ListWatchers(string objectName)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_list_watchers";
        using var lease = Use(operation, objectName);
        byte[] name = Encoding.UTF8.GetBytes(objectName + "\0");
        var watchers = new List<RadosWatcher>();
        int returnCode;
        // An IoCtx object is nothing but the rados_ioctx_t pointer; the lease keeps it alive.
        nint self = lease.Handle.DangerousGetHandle();
        Interop.Rados.CxxList list = default;
        list.Sentinel.Next = &list.Sentinel;
        list.Sentinel.Previous = &list.Sentinel;
        fixed (byte* nameBytes = name)
        {
            var oid = new Interop.Rados.CxxString { Data = nameBytes, Length = (nuint)(name.Length - 1), Capacity = (nuint)(name.Length - 1) };
            returnCode = Interop.Rados.IoCtx_list_watchers(&self, &oid, &list);
        }

        Interop.Rados.CxxListNode* node = list.Sentinel.Next;
        while (node != &list.Sentinel)
        {
            var watcher = (Interop.Rados.ObjWatch*)(node + 1);
            watchers.Add(new RadosWatcher(
                (ulong)watcher->WatcherId,
                watcher->Cookie,
                NativeText.FromNulTerminated(new ReadOnlySpan<byte>(watcher->Address, 256)),
                TimeSpan.FromSeconds(watcher->TimeoutSeconds)));
            Interop.Rados.CxxListNode* next = node->Next;
            Interop.StdCxx.OperatorDelete(node);
            node = next;
        }

        RadosCall.Check(returnCode, operation, objectName);
        return watchers;
    }

    /// <summary>The reply of a notify: librados sets it also with -ETIMEDOUT (some watch did not ack), which is then not an error.</summary>
    private static unsafe RadosNotifyResult NotifyResult(int returnCode, byte* reply, nuint replyLength, string operation, string objectName)
    {
        if (returnCode < 0 && !(returnCode == -(int)Errno.ETIMEDOUT && reply is not null))
        {
            throw StorageErrors.FromReturnCode(returnCode, operation, objectName);
        }

        return reply is null
            ? new RadosNotifyResult([], [])
            : RadosNotifyResult.Decode(new ReadOnlySpan<byte>(reply, checked((int)replyLength)));
    }
}
