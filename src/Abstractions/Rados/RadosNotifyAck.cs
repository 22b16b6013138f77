namespace StorageKit.Rados;

/// <summary>One watch's acknowledgement of a notify.</summary>
/// <param name="WatcherId">Global id of the watching client.</param>
/// <param name="WatchId">The watch's id (cookie).</param>
/// <param name="Reply">What the watch sent back; empty when it acked without a reply.</param>
public sealed record RadosNotifyAck(ulong WatcherId, ulong WatchId, ReadOnlyMemory<byte> Reply);
