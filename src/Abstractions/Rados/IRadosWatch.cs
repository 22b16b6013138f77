using System.Threading.Channels;

namespace StorageKit.Rados;

/// <summary>
/// A watch on one object (go-ceph <c>Watcher</c>), from <see cref="IRadosIoContext.Watch"/>. Notifications
/// arrive asynchronously on <see cref="Notifications"/>; acknowledge each with
/// <see cref="RadosNotification.Ack"/>, or the notifier waits for its timeout. When the watch breaks (for
/// example the object was removed, or the OSD timed the watch out) the error is written to
/// <see cref="Errors"/>, <see cref="Notifications"/> completes with it, and <see cref="Check"/> throws it.
/// Disposing unwatches; both channels then complete. A watch stays registered (and referenced) until it is
/// unwatched or its client shuts down; a client that shuts down without unwatching leaves the OSD waiting for the
/// watch until its timeout passes.
/// </summary>
public interface IRadosWatch : IDisposable, IAsyncDisposable
{
    /// <summary>The watch's id (librados' cookie); notifications and notify results name the watch by it.</summary>
    ulong Id { get; }

    /// <summary>The watched object.</summary>
    string ObjectName { get; }

    /// <summary>Notifications in the order the client received them. Reading never blocks the cluster connection.</summary>
    ChannelReader<RadosNotification> Notifications { get; }

    /// <summary>Errors of the watch session (librados' error callback, for example ENOTCONN); at most one, then the channel completes.</summary>
    ChannelReader<StorageException> Errors { get; }

    /// <summary>
    /// Time since the cluster last confirmed the watch (<c>rados_watch_check</c>, millisecond resolution; the
    /// client confirms every 5 s). Throws the watch's error (ENOTCONN when it broke), ENOTCONN after the
    /// client shut down, and <see cref="ObjectDisposedException"/> after <see cref="Unwatch"/>.
    /// </summary>
    TimeSpan Check();

    /// <summary>
    /// Removes the watch (<c>rados_unwatch2</c>, then <c>rados_watch_flush</c> so every notification the client
    /// received is on the channel) and completes both channels. A second call does nothing. The unwatch is an
    /// op on the object: when the object was removed meanwhile it fails with ENOENT, though the watch is released
    /// all the same. ENOTCONN when the client was shut down first.
    /// </summary>
    void Unwatch();

    /// <summary><see cref="Unwatch"/> without blocking (<c>rados_aio_unwatch</c>).</summary>
    /// <param name="cancellationToken">Stops waiting; the unwatch itself still happens.</param>
    Task UnwatchAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Acknowledges notify <paramref name="notifyId"/> with an optional reply for the notifier
    /// (<c>rados_notify_ack</c>; fire and forget: the OSD ignores acks for notifies that already finished,
    /// and keeps the first reply when one watch acks twice). <see cref="ObjectDisposedException"/> after
    /// <see cref="Unwatch"/>; ENOTCONN after the client shut down.
    /// </summary>
    void Ack(ulong notifyId, ReadOnlySpan<byte> reply = default);

    /// <summary>The notifications as an async stream (<see cref="Notifications"/>); ends when the watch is unwatched and throws its error when it broke.</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    IAsyncEnumerable<RadosNotification> ReadNotificationsAsync(CancellationToken cancellationToken = default)
        => Notifications.ReadAllAsync(cancellationToken);
}
