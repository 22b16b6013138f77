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

    /// <summary>Log verbosity, 0 (none) to 9 (trace); libgfapi's default for the python binding is 7.</summary>
    public int LogLevel { get; init; } = 7;
}
