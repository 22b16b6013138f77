namespace StorageKit.Rados;

/// <summary>One watch registered on an object, as the OSD lists it (librados <c>obj_watch_t</c>).</summary>
/// <param name="WatcherId">Global id of the watching client.</param>
/// <param name="WatchId">The watch's id (cookie).</param>
/// <param name="Address">The client's address, for example <c>127.0.0.1:0/2485423736</c>.</param>
/// <param name="Timeout">The watch timeout the OSD applies (30 s unless the watch asked for another).</param>
public readonly record struct RadosWatcher(ulong WatcherId, ulong WatchId, string Address, TimeSpan Timeout);
