namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>The watches on the image header: one per open writable handle (<c>rbd_watchers_list</c>).</summary>
    IReadOnlyList<RbdWatcher> ListWatchers();

    /// <summary>
    /// Calls <paramref name="callback"/> each time the image's header changes — a resize, a snapshot, a lock
    /// taken or released, by this handle or by another writable one (<c>rbd_update_watch</c>). The callback runs
    /// on a library thread and must not block; exceptions it throws are dropped. Disposing the result
    /// unregisters it (<c>rbd_update_unwatch</c>).
    /// </summary>
    IDisposable WatchUpdates(Action callback);
}
