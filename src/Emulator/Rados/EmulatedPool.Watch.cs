namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedPool
{
    // Watches by object, under _lock. A removed object takes its watches with it.
    private readonly Dictionary<ObjectKey, List<EmulatedWatch>> _watches = [];

    /// <summary>Registers a watch on an existing object; ENOENT when it does not exist.</summary>
    public void AddWatch(string operation, ObjectKey key, EmulatedWatch watch)
    {
        lock (_lock)
        {
            Existing(operation, key);
            if (!_watches.TryGetValue(key, out List<EmulatedWatch>? list))
            {
                list = [];
                _watches.Add(key, list);
            }

            list.Add(watch);
        }
    }

    /// <summary>Drops a watch from its object; false when it was not registered (any more).</summary>
    public bool RemoveWatch(EmulatedWatch watch)
    {
        lock (_lock)
        {
            if (!_watches.TryGetValue(watch.Key, out List<EmulatedWatch>? list) || !list.Remove(watch))
            {
                return false;
            }

            if (list.Count == 0)
            {
                _watches.Remove(watch.Key);
            }

            return true;
        }
    }

    /// <summary>The watches registered on an existing object (also those of clients that went away); ENOENT when it does not exist.</summary>
    public List<EmulatedWatch> Watches(string operation, ObjectKey key)
    {
        lock (_lock)
        {
            Existing(operation, key);
            return _watches.TryGetValue(key, out List<EmulatedWatch>? list) ? [.. list] : [];
        }
    }

    /// <summary>
    /// Starts a notify to every watch of an existing object (ENOENT otherwise): registered under the pool's
    /// lock, so a watch leaving at the same time is seen either here or by the notify. Delivery to watches
    /// whose client is connected is queued on each client's callback queue.
    /// </summary>
    public EmulatedNotify StartNotify(string operation, ObjectKey key, EmulatedCaller notifier, byte[] payload, TimeSpan timeout)
    {
        EmulatedNotify notify;
        List<EmulatedWatch> watches;
        lock (_lock)
        {
            Existing(operation, key);
            watches = _watches.TryGetValue(key, out List<EmulatedWatch>? list) ? [.. list] : [];
            notify = _cluster.RegisterNotify(watches.Select(w => (w.WatcherId, w.Id)));
        }

        notify.Start(_cluster.Time, timeout);
        foreach (EmulatedWatch watch in watches.Where(w => w.IsActive))
        {
            var notification = new StorageKit.Rados.RadosNotification(watch, notify.Id, notifier.GlobalId, payload);
            watch.Client.QueueCallback(() => watch.Deliver(notification));
        }

        return notify;
    }

    /// <summary>The object is gone: its watches are dropped and their owners told (ENOTCONN), as the OSD disconnects them.</summary>
    internal void OnObjectRemoved(ObjectKey key)
    {
        List<EmulatedWatch>? removed;
        lock (_lock)
        {
            _watches.Remove(key, out removed);
        }

        Disconnect(removed ?? []);
    }

    /// <summary>The pool is gone with every object in it.</summary>
    internal void OnPoolDeleted()
    {
        List<EmulatedWatch> removed;
        lock (_lock)
        {
            removed = [.. _watches.Values.SelectMany(l => l)];
            _watches.Clear();
        }

        Disconnect(removed);
    }

    private void Disconnect(List<EmulatedWatch> watches)
    {
        foreach (EmulatedWatch watch in watches)
        {
            _cluster.WatchRemoved(watch);
            watch.Break();
        }
    }
}
