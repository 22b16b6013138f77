using StorageKit.Emulator.Rados;
using StorageKit.Native.Rados;
using StorageKit.Rados;

namespace StorageKit.Benchmarks;

/// <summary>
/// Where a benchmark's clients come from: one emulated cluster, or the real one named by STORAGEKIT_CEPH_CONF
/// (pool STORAGEKIT_CEPH_POOL, default <c>storagekit</c>). Every client connects to the same cluster.
/// </summary>
internal sealed class BenchmarkCluster
{
    private readonly EmulatedRadosCluster? _emulated;
    private readonly string? _configFile;

    public BenchmarkCluster(string target)
    {
        Pool = Environment.GetEnvironmentVariable("STORAGEKIT_CEPH_POOL") is { Length: > 0 } pool ? pool : "storagekit";
        if (target == "emulator")
        {
            _emulated = new EmulatedRadosCluster();
            using IRadosClient admin = _emulated.Connect();
            admin.CreatePool(Pool);
        }
        else
        {
            _configFile = Environment.GetEnvironmentVariable("STORAGEKIT_CEPH_CONF")
                ?? throw new InvalidOperationException("set STORAGEKIT_CEPH_CONF to a running cluster's ceph.conf");
        }
    }

    /// <summary>The pool benchmarks work in (each in a namespace of its own).</summary>
    public string Pool { get; }

    /// <summary>A new connected client.</summary>
    public IRadosClient Connect()
    {
        if (_emulated is not null)
        {
            return _emulated.Connect();
        }

        var client = new NativeRadosClient(new RadosClientOptions { ConfigFile = _configFile });
        client.Connect();
        return client;
    }
}
