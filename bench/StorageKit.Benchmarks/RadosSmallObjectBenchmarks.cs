using BenchmarkDotNet.Attributes;
using StorageKit.Rados;

namespace StorageKit.Benchmarks;

/// <summary>
/// Small RADOS operations, emulator against a real cluster (STORAGEKIT_CEPH_CONF, pool STORAGEKIT_CEPH_POOL).
/// Run: <c>dotnet run -c Release --project bench/StorageKit.Benchmarks -- --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class RadosSmallObjectBenchmarks
{
    private readonly byte[] _block = new byte[4096];
    private readonly byte[] _value = new byte[64];
    private IRadosClient? _client;
    private IRadosIoContext? _io;
    private int _key;

    /// <summary>Which implementation runs.</summary>
    [Params("emulator", "native")]
    public string Target { get; set; } = "emulator";

    /// <summary>Connects and seeds one data object and one object with 100 omap values.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var cluster = new BenchmarkCluster(Target);
        _client = cluster.Connect();
        _io = _client.OpenIoContext(cluster.Pool);
        _io.SetNamespace($"bench-{Guid.NewGuid():N}");
        Random.Shared.NextBytes(_block);
        _io.WriteFull("data", _block);
        _io.SetOmap("omap", Enumerable.Range(0, 100).Select(i => KeyValuePair.Create($"key-{i:D3}", _value)));
    }

    /// <summary>Removes what the benchmark wrote.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        IRadosIoContext io = _io!;
        foreach (RadosObjectEntry entry in io.ListObjects().ToList())
        {
            io.Remove(entry.Name);
        }

        io.Dispose();
        _client!.Dispose();
    }

    /// <summary>4 KiB write_full.</summary>
    [Benchmark]
    public void WriteFull4K() => _io!.WriteFull("data", _block);

    /// <summary>4 KiB read.</summary>
    [Benchmark]
    public int Read4K() => _io!.Read("data", _block, 0);

    /// <summary>omap set of one key.</summary>
    [Benchmark]
    public void OmapSetOneKey() => _io!.SetOmap("omap-set", $"k{_key++ % 1000}", _value);

    /// <summary>omap get of 100 values.</summary>
    [Benchmark]
    public int OmapGet100() => _io!.GetOmapValues("omap", maxReturn: 100).Entries.Count;
}
