namespace StorageKit.Rados;

/// <summary>One notify received by a watch (librados' <c>rados_watchcb2_t</c>; go-ceph <c>NotifyEvent</c>).</summary>
public sealed class RadosNotification
{
    private readonly IRadosWatch _watch;

    /// <summary>Creates a notification delivered to <paramref name="watch"/>; implementations of <see cref="IRadosWatch"/> call this.</summary>
    /// <param name="watch">The watch that received it, which <see cref="Ack"/> goes through.</param>
    /// <param name="notifyId">The notify's id.</param>
    /// <param name="notifierId">Global id of the notifying client.</param>
    /// <param name="payload">The notifier's bytes.</param>
    public RadosNotification(IRadosWatch watch, ulong notifyId, ulong notifierId, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(watch);
        _watch = watch;
        NotifyId = notifyId;
        NotifierId = notifierId;
        Payload = payload;
    }

    /// <summary>The notify's id, unique in the cluster.</summary>
    public ulong NotifyId { get; }

    /// <summary>The id (cookie) of the watch that received it.</summary>
    public ulong WatchId => _watch.Id;

    /// <summary>Global id of the notifying client (its <see cref="IRadosClient.GetInstanceId"/>).</summary>
    public ulong NotifierId { get; }

    /// <summary>The notifier's bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Acknowledges the notify, optionally with a reply the notifier receives (<c>rados_notify_ack</c>).</summary>
    /// <param name="reply">Bytes for the notifier; empty for none.</param>
    public void Ack(ReadOnlySpan<byte> reply = default) => _watch.Ack(NotifyId, reply);
}
