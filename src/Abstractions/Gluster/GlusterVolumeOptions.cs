namespace StorageKit.Gluster;

/// <summary>
/// Where a GlusterFS volume is served and how the client logs: the arguments of <c>glfs_new</c>,
/// <c>glfs_set_volfile_server</c> and <c>glfs_set_logging</c>.
/// </summary>
public sealed record GlusterVolumeOptions
{
    /// <summary>Default management (glusterd) port.</summary>
    public const int DefaultPort = 24007;

    /// <summary>Name of the volume to mount (<c>gluster volume create NAME ...</c>).</summary>
    public required string VolumeName { get; init; }

    /// <summary>
    /// Hosts running glusterd, tried in order; with <see cref="Transport"/> <c>unix</c> a path to glusterd's socket.
    /// The emulator ignores them.
    /// </summary>
    public IReadOnlyList<string> Hosts { get; init; } = ["localhost"];

    /// <summary>Transport to the management daemon: <c>tcp</c> (default), <c>unix</c> or <c>rdma</c>.</summary>
    public string Transport { get; init; } = "tcp";

    /// <summary>Management port of glusterd (ignored for <c>unix</c>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Client log file; <c>/dev/null</c> (the default) discards logs and null lets libgfapi pick its own file
    /// under <c>/var/log/glusterfs</c>.
    /// </summary>
    public string? LogFile { get; init; } = "/dev/null";

    /// <summary>
    /// Log verbosity, 0 (none) to 9 (trace). The default is 5 (warning), not the python binding's 7 (info):
    /// libgfapi 10.3's <c>glfs_fini</c> lets the context be torn down while an epoll worker still logs its
    /// "Exited thread" message (info) and frees its data, a use-after-free that aborted our test process
    /// ("free(): invalid pointer") in 3 of 10 runs at level 7; below info the worker skips the message and the
    /// window is a few instructions wide. See docs/gluster-probe-results.md, "glfs_fini teardown race".
    /// </summary>
    public int LogLevel { get; init; } = 5;
}
