namespace StorageKit.Rados;

/// <summary>A watch that did not acknowledge a notify before its timeout.</summary>
/// <param name="WatcherId">Global id of the watching client.</param>
/// <param name="WatchId">The watch's id (cookie).</param>
public readonly record struct RadosNotifyTimeout(ulong WatcherId, ulong WatchId);
