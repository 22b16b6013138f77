namespace StorageKit.Rados;

/// <summary>Cluster-wide usage as reported by <c>rados_cluster_stat</c>.</summary>
/// <param name="Kilobytes">Raw capacity in KiB.</param>
/// <param name="KilobytesUsed">KiB in use.</param>
/// <param name="KilobytesAvailable">KiB free.</param>
/// <param name="Objects">Number of objects.</param>
public readonly record struct RadosClusterStats(ulong Kilobytes, ulong KilobytesUsed, ulong KilobytesAvailable, ulong Objects);
