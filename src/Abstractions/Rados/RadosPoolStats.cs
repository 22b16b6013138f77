namespace StorageKit.Rados;

/// <summary>Per-pool usage as reported by <c>rados_ioctx_pool_stat</c> (refreshed by the cluster with a delay).</summary>
public readonly record struct RadosPoolStats
{
    /// <summary>Bytes stored.</summary>
    public ulong Bytes { get; init; }
    /// <summary>KiB stored.</summary>
    public ulong Kilobytes { get; init; }
    /// <summary>Number of objects.</summary>
    public ulong Objects { get; init; }
    /// <summary>Number of clones.</summary>
    public ulong ObjectClones { get; init; }
    /// <summary>Objects times replicas.</summary>
    public ulong ObjectCopies { get; init; }
    /// <summary>Objects missing on the primary.</summary>
    public ulong ObjectsMissingOnPrimary { get; init; }
    /// <summary>Objects unfound.</summary>
    public ulong ObjectsUnfound { get; init; }
    /// <summary>Objects degraded.</summary>
    public ulong ObjectsDegraded { get; init; }
    /// <summary>Read operations.</summary>
    public ulong Reads { get; init; }
    /// <summary>KiB read.</summary>
    public ulong ReadKilobytes { get; init; }
    /// <summary>Write operations.</summary>
    public ulong Writes { get; init; }
    /// <summary>KiB written.</summary>
    public ulong WriteKilobytes { get; init; }
}
