namespace StorageKit.Rados;

public partial interface IRadosClient
{
    /// <summary>
    /// Sends a command to the monitors (<c>rados_mon_command</c>). <paramref name="command"/> is the JSON
    /// form, for example <c>{"prefix":"osd pool ls","format":"json"}</c>. Failures throw a
    /// <see cref="StorageException"/> with the monitor's errno and its status text in the message (EINVAL
    /// "command not known" for an unknown prefix). ENOTCONN before <see cref="Connect"/>.
    /// </summary>
    /// <param name="command">The command as JSON.</param>
    /// <param name="input">Bulk input some commands take; empty for most.</param>
    RadosCommandResult MonCommand(string command, ReadOnlySpan<byte> input = default);

    /// <summary>Sends a command to the active manager (<c>rados_mgr_command</c>); EINVAL "No handler found" for an unknown prefix.</summary>
    /// <param name="command">The command as JSON.</param>
    /// <param name="input">Bulk input; empty for most.</param>
    RadosCommandResult MgrCommand(string command, ReadOnlySpan<byte> input = default);

    /// <summary>Sends a command to OSD <paramref name="osd"/> (<c>rados_osd_command</c>, as <c>ceph tell osd.N</c>); ENOENT "osd dne" for an OSD that does not exist.</summary>
    /// <param name="osd">The OSD's id.</param>
    /// <param name="command">The command as JSON.</param>
    /// <param name="input">Bulk input; empty for most.</param>
    RadosCommandResult OsdCommand(int osd, string command, ReadOnlySpan<byte> input = default);

    /// <summary>
    /// Waits until every watch callback of this client that is already queued has run (<c>rados_watch_flush</c>):
    /// afterwards every notification received so far is on its watch's channel. Call it after unwatching
    /// before relying on no more notifications arriving.
    /// </summary>
    void WatchFlush();
}
