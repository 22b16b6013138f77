namespace StorageKit.Rados;

public partial interface IRadosIoContext
{
    /// <summary>
    /// Registers a watch on an existing object (<c>rados_watch3</c>; <c>rados_watch2</c> when
    /// <paramref name="timeout"/> is null): every notify sent to the object arrives on the returned watch's
    /// <see cref="IRadosWatch.Notifications"/> until it is unwatched. ENOENT when the object does not exist.
    /// </summary>
    /// <param name="objectName">The object to watch.</param>
    /// <param name="timeout">
    /// How long the OSD keeps the watch once the client stops confirming it, rounded up to whole seconds;
    /// null or zero for the OSD's <c>osd_client_watch_timeout</c> (30 s). The client confirms every 5 s
    /// (<c>objecter_tick_interval</c>), so a timeout under 5 s makes the OSD drop the watch after that
    /// timeout (ENOTCONN on <see cref="IRadosWatch.Errors"/>, measured on Ceph 16).
    /// </param>
    IRadosWatch Watch(string objectName, TimeSpan? timeout = null);

    /// <summary>
    /// Sends <paramref name="payload"/> to every watcher of the object and waits until each acknowledged or
    /// the timeout passed (<c>rados_notify2</c>). A notify that timed out is not an exception: librados
    /// answers -ETIMEDOUT together with the reply, and the result lists the watchers that did not ack in
    /// <see cref="RadosNotifyResult.TimedOut"/>. A watch that goes away meanwhile (unwatched, or the OSD timed
    /// it out) is neither acked nor timed out. ENOENT when the object does not exist.
    /// </summary>
    /// <param name="objectName">The watched object.</param>
    /// <param name="payload">Bytes every watcher receives.</param>
    /// <param name="timeout">
    /// How long the OSD waits for acks. librados sends it in whole seconds, truncated (1.9 s waits 1 s); under
    /// one second it becomes 0, which the OSD replaces with its <c>osd_default_notify_timeout</c> (30 s). Null or
    /// zero: <c>client_notify_timeout</c> (10 s). Measured on Ceph 16.
    /// </param>
    RadosNotifyResult Notify(string objectName, ReadOnlySpan<byte> payload, TimeSpan? timeout = null);

    /// <summary>
    /// <see cref="Notify"/> without blocking (<c>rados_aio_notify</c>). Cancelling stops the wait only: the
    /// notify itself still reaches the watchers.
    /// </summary>
    /// <param name="objectName">The watched object.</param>
    /// <param name="payload">Bytes every watcher receives (copied before the method returns).</param>
    /// <param name="timeout">As for <see cref="Notify"/>: whole seconds, truncated; under one second 30 s; null or zero 10 s.</param>
    /// <param name="cancellationToken">Stops waiting for the result.</param>
    Task<RadosNotifyResult> NotifyAsync(
        string objectName, ReadOnlyMemory<byte> payload, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The watches registered on an object, in no particular order (librados <c>IoCtx::list_watchers</c>;
    /// Pacific's C API has no <c>rados_list_watchers</c>). A client that shut down without unwatching stays
    /// listed until its watch timeout passes. ENOENT when the object does not exist.
    /// </summary>
    IReadOnlyList<RadosWatcher> ListWatchers(string objectName);
}
