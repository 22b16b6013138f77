using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// One emulated Ceph cluster: its pools and objects live here, shared by every client created from it,
/// just as several <c>rados_t</c> connections see one real cluster.
/// </summary>
public sealed partial class EmulatedRadosCluster
{
    private readonly Lock _poolsLock = new();
    private readonly Dictionary<string, EmulatedPool> _poolsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<long, EmulatedPool> _poolsById = [];
    private long _nextPoolId = 1;
    private long _nextInstanceId = 4100;

    /// <summary>Creates an empty cluster.</summary>
    public EmulatedRadosCluster(EmulatorOptions? options = null)
    {
        Options = options ?? new EmulatorOptions();
        Fsid = Options.Fsid ?? Guid.NewGuid();
    }

    /// <summary>The settings the cluster was made with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The cluster's fsid.</summary>
    public Guid Fsid { get; }

    internal TimeProvider Time => Options.TimeProvider;

    /// <summary>Creates a client (not yet connected), as <c>rados_create2</c> would.</summary>
    public IRadosClient CreateClient(RadosClientOptions? options = null) => new EmulatedRadosClient(this, options ?? new RadosClientOptions());

    /// <summary>Creates a client and connects it.</summary>
    public IRadosClient Connect(RadosClientOptions? options = null)
    {
        IRadosClient client = CreateClient(options);
        client.Connect();
        return client;
    }

    internal ulong NextInstanceId() => (ulong)Interlocked.Increment(ref _nextInstanceId);

    internal void CreatePool(string name)
    {
        lock (_poolsLock)
        {
            if (_poolsByName.ContainsKey(name))
            {
                throw StorageErrors.Create(Errno.EEXIST, "rados_pool_create", name);
            }

            var pool = new EmulatedPool(_nextPoolId++, name, this);
            _poolsByName.Add(name, pool);
            _poolsById.Add(pool.Id, pool);
        }
    }

    internal void DeletePool(string name)
    {
        lock (_poolsLock)
        {
            if (!_poolsByName.Remove(name, out EmulatedPool? pool))
            {
                throw StorageErrors.Create(Errno.ENOENT, "rados_pool_delete", name);
            }

            _poolsById.Remove(pool.Id);
            pool.MarkDeleted();
        }
    }

    internal List<string> ListPools()
    {
        lock (_poolsLock)
        {
            // librados lists pools in id order.
            return _poolsById.Values.OrderBy(p => p.Id).Select(p => p.Name).ToList();
        }
    }

    internal EmulatedPool? FindPool(string name)
    {
        lock (_poolsLock)
        {
            return _poolsByName.GetValueOrDefault(name);
        }
    }

    internal EmulatedPool? FindPool(long id)
    {
        lock (_poolsLock)
        {
            return _poolsById.GetValueOrDefault(id);
        }
    }

    internal RadosClusterStats Stats()
    {
        lock (_poolsLock)
        {
            ulong bytes = 0, objects = 0;
            foreach (EmulatedPool pool in _poolsById.Values)
            {
                RadosPoolStats stats = pool.Stats();
                bytes += stats.Bytes;
                objects += stats.Objects;
            }

            ulong totalKb = (ulong)Options.CapacityBytes / 1024;
            ulong usedKb = (bytes + 1023) / 1024;
            return new RadosClusterStats(totalKb, usedKb, totalKb - Math.Min(totalKb, usedKb), objects);
        }
    }
}
