using System.Collections.Concurrent;

namespace StorageKit.Emulator.Rados;

public sealed partial class EmulatedRadosCluster
{
    private readonly ConcurrentDictionary<ulong, EmulatedNotify> _notifies = new();
    private long _nextNotifyId = 1L << 32;
    private long _nextWatchId = 0x5500_0000_0000;

    internal ulong NextWatchId() => (ulong)Interlocked.Add(ref _nextWatchId, 0x110);

    /// <summary>Registers a notify waiting for <paramref name="watches"/>; call under the pool's lock so no watch can leave unseen.</summary>
    internal EmulatedNotify RegisterNotify(IEnumerable<(ulong WatcherId, ulong WatchId)> watches)
    {
        var notify = new EmulatedNotify(this, (ulong)Interlocked.Increment(ref _nextNotifyId), watches);
        _notifies[notify.Id] = notify;
        return notify;
    }

    internal void ForgetNotify(ulong notifyId) => _notifies.TryRemove(notifyId, out _);

    /// <summary>Routes an ack to its notify; acks for notifies that finished (or never were) are ignored, as by the OSD.</summary>
    internal void AckNotify(ulong notifyId, ulong watcherId, ulong watchId, byte[] reply)
    {
        if (_notifies.TryGetValue(notifyId, out EmulatedNotify? notify))
        {
            notify.Ack(watcherId, watchId, reply);
        }
    }

    /// <summary>A watch left its object: no notify waits for it any more.</summary>
    internal void WatchRemoved(EmulatedWatch watch)
    {
        foreach (EmulatedNotify notify in _notifies.Values)
        {
            notify.WatchRemoved(watch.WatcherId, watch.Id);
        }
    }
}
