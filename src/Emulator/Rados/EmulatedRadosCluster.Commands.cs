using System.Collections.Concurrent;

namespace StorageKit.Emulator.Rados;

public sealed partial class EmulatedRadosCluster
{
    private readonly ConcurrentDictionary<string, byte[]> _configKeys = new(StringComparer.Ordinal);
    private DateTimeOffset? _startedAt;

    /// <summary>The monitors' <c>config-key</c> store.</summary>
    internal ConcurrentDictionary<string, byte[]> ConfigKeys => _configKeys;

    /// <summary>When the cluster first answered a command (monmap creation, quorum age).</summary>
    internal DateTimeOffset StartedAt
    {
        get
        {
            lock (_poolsLock)
            {
                return _startedAt ??= Time.GetUtcNow();
            }
        }
    }

    /// <summary>The pools in id order with their usage, for the status commands.</summary>
    internal List<(long Id, string Name, StorageKit.Rados.RadosPoolStats Stats)> PoolSummaries()
    {
        lock (_poolsLock)
        {
            return _poolsById.Values.OrderBy(p => p.Id).Select(p => (p.Id, p.Name, p.Stats())).ToList();
        }
    }
}
