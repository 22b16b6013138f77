using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using StorageKit.Rados;

namespace StorageKit.Native.Rados;

/// <summary>
/// A librados watch (<c>rados_watch2</c>/<c>rados_watch3</c>). The callbacks are <c>[UnmanagedCallersOnly]</c>
/// statics that find the watch by the key librados hands back and write to its channels; they never block and
/// never throw. The key indexes a registry instead of being a <see cref="GCHandle"/>: librados can still run a
/// callback after an unwatch or a shutdown, and an unknown key is then simply ignored, where a freed
/// GCHandle would be undefined behaviour.
/// </summary>
internal sealed class NativeRadosWatch : IRadosWatch
{
    private static readonly ConcurrentDictionary<nint, NativeRadosWatch> Registry = new();
    private static long _lastKey;

    private readonly NativeRadosClient _client;
    private readonly string _registerOperation;
    private readonly Channel<RadosNotification> _notifications = Channel.CreateUnbounded<RadosNotification>();
    private readonly Channel<StorageException> _errors = Channel.CreateUnbounded<StorageException>();
    private readonly nint _key;
    private RadosWatchHandle? _handle;
    private int _unwatchStarted;
    private int _errorReported;

    private NativeRadosWatch(NativeRadosClient client, string objectName, string registerOperation)
    {
        _client = client;
        ObjectName = objectName;
        _registerOperation = registerOperation;
        _key = (nint)Interlocked.Increment(ref _lastKey);
    }

    public ulong Id { get; private set; }

    public string ObjectName { get; }

    public ChannelReader<RadosNotification> Notifications => _notifications.Reader;

    public ChannelReader<StorageException> Errors => _errors.Reader;

    /// <summary>Registers a watch through <paramref name="ioContext"/>, which the new watch owns from then on (also when this fails).</summary>
    public static unsafe NativeRadosWatch Register(
        NativeRadosClient client, RadosIoContextHandle ioContext, string objectName, uint? timeoutSeconds, string operation)
    {
        var watch = new NativeRadosWatch(client, objectName, operation);
        Registry[watch._key] = watch;
        ulong cookie;
        int returnCode;
        try
        {
            returnCode = timeoutSeconds is { } seconds
                ? Interop.Rados.rados_watch3(ioContext, objectName, out cookie, &OnNotify, &OnError, seconds, watch._key)
                : Interop.Rados.rados_watch2(ioContext, objectName, out cookie, &OnNotify, &OnError, watch._key);
        }
        catch
        {
            Registry.TryRemove(watch._key, out _);
            ioContext.Dispose();
            throw;
        }

        if (returnCode < 0)
        {
            Registry.TryRemove(watch._key, out _);
            ioContext.Dispose();
            throw StorageErrors.FromReturnCode(returnCode, operation, objectName);
        }

        watch.Id = cookie;
        watch._handle = new RadosWatchHandle(cookie, ioContext, client, watch.Released);
        client.Track(watch._handle);
        return watch;
    }

    public TimeSpan Check()
    {
        const string operation = "rados_watch_check";
        using var lease = Lease(operation);
        int returnCode = Interop.Rados.rados_watch_check(lease.Handle.IoContext, lease.Handle.Cookie);
        return TimeSpan.FromMilliseconds(RadosCall.Check(returnCode, operation, ObjectName));
    }

    public void Unwatch()
    {
        const string operation = "rados_unwatch2";
        if (!BeginUnwatch(operation, out RadosWatchHandle handle))
        {
            return;
        }

        int returnCode;
        int flushCode;
        try
        {
            using var lease = Lease(handle, operation);
            returnCode = Interop.Rados.rados_unwatch2(lease.Handle.IoContext, lease.Handle.Cookie);
            handle.MarkUnwatched();
            // Callbacks already queued for the watch run before this returns, so none arrives after Unwatch.
            flushCode = Interop.Rados.rados_watch_flush(lease.Handle.IoContext.ClusterPointer);
        }
        finally
        {
            EndUnwatch(handle);
        }

        RadosCall.Check(returnCode, operation, ObjectName);
        RadosCall.Check(flushCode, "rados_watch_flush", ObjectName);
    }

    public Task UnwatchAsync(CancellationToken cancellationToken = default)
    {
        const string operation = "rados_aio_unwatch";
        try
        {
            if (!BeginUnwatch(operation, out RadosWatchHandle handle))
            {
                return Task.CompletedTask;
            }

            Task<int> unwatched;
            try
            {
                using var lease = Lease(handle, operation);
                RadosIoContextHandle ioContext = lease.Handle.IoContext;
                ulong cookie = lease.Handle.Cookie;
                unwatched = Submit(call => Interop.Rados.rados_aio_unwatch(ioContext, cookie, call.Completion), operation);
                handle.MarkUnwatched();
            }
            catch
            {
                EndUnwatch(handle);
                throw;
            }

            // Cancelling stops the caller's wait only: the unwatch, the flush and the release still finish.
            return FinishUnwatchAsync(unwatched, handle, operation).WaitAsync(cancellationToken);
        }
        catch (StorageException ex)
        {
            return Task.FromException(ex);
        }
    }

    public unsafe void Ack(ulong notifyId, ReadOnlySpan<byte> reply = default)
    {
        const string operation = "rados_notify_ack";
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reply.Length, int.MaxValue);
        using var lease = Lease(operation);
        fixed (byte* bytes = reply)
        {
            RadosCall.Check(
                Interop.Rados.rados_notify_ack(lease.Handle.IoContext, ObjectName, notifyId, lease.Handle.Cookie, bytes, reply.Length),
                operation,
                ObjectName);
        }
    }

    public void Dispose()
    {
        try
        {
            Unwatch();
        }
        catch (StorageException)
        {
            // The connection is gone, or the OSD refused: either way the watch is released.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await UnwatchAsync().ConfigureAwait(false);
        }
        catch (StorageException)
        {
            // As in Dispose.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnNotify(nint argument, ulong notifyId, ulong cookie, ulong notifierId, byte* data, nuint length)
    {
        try
        {
            if (Registry.TryGetValue(argument, out NativeRadosWatch? watch))
            {
                byte[] payload = NativeText.CopyBytes(data, length);
                watch._notifications.Writer.TryWrite(new RadosNotification(watch, notifyId, notifierId, payload));
            }
        }
#pragma warning disable CA1031 // Nothing may escape into librados' thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(nint argument, ulong cookie, int error)
    {
        try
        {
            if (Registry.TryGetValue(argument, out NativeRadosWatch? watch))
            {
                watch.Fail(error);
            }
        }
#pragma warning disable CA1031 // Nothing may escape into librados' thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static int AioWatchFlush(nint cluster, nint completion) => Interop.Rados.rados_aio_watch_flush(cluster, completion);

    private async Task FinishUnwatchAsync(Task<int> unwatched, RadosWatchHandle handle, string operation)
    {
        int returnCode;
        try
        {
            returnCode = await unwatched.ConfigureAwait(false);
            Task<int> flushed;
            using (var lease = Lease(handle, "rados_aio_watch_flush"))
            {
                nint cluster = lease.Handle.IoContext.ClusterPointer;
                flushed = Submit(call => AioWatchFlush(cluster, call.Completion), "rados_aio_watch_flush");
            }

            RadosCall.Check(await flushed.ConfigureAwait(false), "rados_aio_watch_flush", ObjectName);
        }
        finally
        {
            EndUnwatch(handle);
        }

        RadosCall.Check(returnCode, operation, ObjectName);
    }

    private static Task<int> Submit(Func<RadosAioCall<int>, int> submit, string operation)
    {
        var call = new RadosAioCall<int>(static returnCode => returnCode);
        int returnCode = submit(call);
        if (returnCode < 0)
        {
            call.Abandon();
            throw StorageErrors.FromReturnCode(returnCode, operation);
        }

        return call.Task;
    }

    private void Fail(int error)
    {
        if (Interlocked.Exchange(ref _errorReported, 1) != 0)
        {
            return;
        }

        StorageException exception = StorageErrors.Create((Errno)Math.Abs(error), _registerOperation, ObjectName, "The watch was disconnected.");
        _errors.Writer.TryWrite(exception);
        _errors.Writer.TryComplete();
        _notifications.Writer.TryComplete(exception);
    }

    /// <summary>The handle was released (unwatch, dispose or client shutdown): no callback can find the watch any more.</summary>
    private void Released()
    {
        Registry.TryRemove(_key, out _);
        _notifications.Writer.TryComplete();
        _errors.Writer.TryComplete();
    }

    /// <summary>False when an unwatch already ran; ENOTCONN when the client was shut down first.</summary>
    private bool BeginUnwatch(string operation, out RadosWatchHandle handle)
    {
        handle = _handle!;
        if (Volatile.Read(ref _unwatchStarted) != 0)
        {
            return false;
        }

        if (_client.IsShutDown)
        {
            throw StorageErrors.ConnectionShutDown(operation, ObjectName);
        }

        return Interlocked.Exchange(ref _unwatchStarted, 1) == 0;
    }

    private void EndUnwatch(RadosWatchHandle handle)
    {
        _client.Untrack(handle);
        handle.Dispose();
    }

    private HandleLease<RadosWatchHandle> Lease(string operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _unwatchStarted) != 0, this);
        return Lease(_handle!, operation);
    }

    /// <summary>Leases the handle: ENOTCONN when the client shut down (which released it), <see cref="ObjectDisposedException"/> when it was unwatched.</summary>
    private HandleLease<RadosWatchHandle> Lease(RadosWatchHandle handle, string operation)
    {
        if (_client.IsShutDown)
        {
            throw StorageErrors.ConnectionShutDown(operation, ObjectName);
        }

        if (HandleLease<RadosWatchHandle>.TryAcquire(handle, out var lease))
        {
            return lease;
        }

        if (_client.IsShutDown)
        {
            throw StorageErrors.ConnectionShutDown(operation, ObjectName);
        }

        throw new ObjectDisposedException(GetType().FullName);
    }
}
