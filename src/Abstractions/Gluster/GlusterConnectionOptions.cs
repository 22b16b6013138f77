namespace StorageKit.Gluster;

/// <summary>
/// Configuration-bindable settings for one GlusterFS volume (section <c>StorageKit:Gluster</c> in the
/// dependency-injection registrations). <see cref="GlusterVolumeOptions"/> has a required member and so
/// cannot be created by the options binder; this class can, and converts with <see cref="ToVolumeOptions"/>.
/// </summary>
public sealed class GlusterConnectionOptions
{
    /// <summary>The volume to mount; null or empty when the application opens volumes itself.</summary>
    public string? VolumeName { get; set; }

    /// <summary>Volfile servers tried in order; empty means <c>localhost</c>.</summary>
    public IList<string> Hosts { get; } = [];

    /// <summary>glusterd's port.</summary>
    public int Port { get; set; } = GlusterVolumeOptions.DefaultPort;

    /// <summary>Transport of the volfile servers (<c>tcp</c>, <c>unix</c> or <c>rdma</c>).</summary>
    public string Transport { get; set; } = "tcp";

    /// <summary>The options for <see cref="IGlusterClient.OpenVolume"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="VolumeName"/> is not set.</exception>
    public GlusterVolumeOptions ToVolumeOptions()
    {
        if (string.IsNullOrEmpty(VolumeName))
        {
            throw new InvalidOperationException("StorageKit:Gluster:VolumeName is not configured.");
        }

        return new GlusterVolumeOptions
        {
            VolumeName = VolumeName,
            Hosts = Hosts.Count == 0 ? ["localhost"] : [.. Hosts],
            Port = Port,
            Transport = Transport,
        };
    }
}
