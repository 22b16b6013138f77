namespace StorageKit.Rados;

/// <summary>How to reach a Ceph cluster: the equivalents of <c>rados_create2</c> and <c>rados_conf_*</c>.</summary>
public sealed class RadosClientOptions
{
    /// <summary>Cluster name (<c>rados_create2</c>); "ceph" unless the cluster was named otherwise.</summary>
    public string ClusterName { get; set; } = "ceph";

    /// <summary>Full entity name of the client, for example <c>client.admin</c>.</summary>
    public string UserName { get; set; } = "client.admin";

    /// <summary>A ceph.conf to read before connecting; null to read none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Monitor addresses (the <c>mon_host</c> option), for example <c>127.0.0.1:6789</c>; overrides the file.</summary>
    public string? MonHost { get; set; }

    /// <summary>Further options applied with <c>rados_conf_set</c> after the file, in order.</summary>
    public IDictionary<string, string> ConfigOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
