using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedRadosIoContext
{
    public IRadosWatch Watch(string objectName, TimeSpan? timeout = null)
    {
        string op = timeout is null ? "rados_watch2" : "rados_watch3";
        RadosArguments.ObjectName(objectName);
        uint seconds = RadosTimeouts.WatchSeconds(timeout);
        ObjectKey key = Key(op, objectName);
        var watch = new EmulatedWatch(_client, _pool, key, _client.Cluster.NextWatchId(), seconds, op);
        _pool.AddWatch(op, key, watch);
        _client.TrackWatch(watch);
        watch.Start();
        return watch;
    }

    public RadosNotifyResult Notify(string objectName, ReadOnlySpan<byte> payload, TimeSpan? timeout = null)
        => StartNotify("rados_notify2", objectName, payload.ToArray(), timeout).Wait();

    public Task<RadosNotifyResult> NotifyAsync(
        string objectName, ReadOnlyMemory<byte> payload, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        RadosArguments.ObjectName(objectName);
        RadosTimeouts.NotifyMilliseconds(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<RadosNotifyResult>(cancellationToken);
        }

        try
        {
            EmulatedNotify notify = StartNotify("rados_aio_notify", objectName, payload.ToArray(), timeout);
            return notify.Completion.WaitAsync(cancellationToken);
        }
        catch (StorageException ex)
        {
            return Task.FromException<RadosNotifyResult>(ex);
        }
    }

    public IReadOnlyList<RadosWatcher> ListWatchers(string objectName)
    {
        const string op = "rados_list_watchers";
        RadosArguments.ObjectName(objectName);
        ObjectKey key = Key(op, objectName);
        return _pool.Watches(op, key).ConvertAll(w => w.Describe());
    }

    private EmulatedNotify StartNotify(string op, string objectName, byte[] payload, TimeSpan? timeout)
    {
        RadosArguments.ObjectName(objectName);
        ulong milliseconds = RadosTimeouts.NotifyMilliseconds(timeout);
        ObjectKey key = Key(op, objectName);
        return _pool.StartNotify(op, key, _client.Caller, payload, RadosTimeouts.EffectiveNotifyTimeout(milliseconds));
    }
}
