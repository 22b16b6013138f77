using BenchmarkDotNet.Attributes;
using StorageKit.Rados;

namespace StorageKit.Benchmarks;

/// <summary>
/// An 8-step compound write operation (create, write, setxattr, omap set, cmpxattr, truncate, append, allocation
/// hint), emulator against a real cluster (STORAGEKIT_CEPH_CONF, pool STORAGEKIT_CEPH_POOL), built and run per
/// invocation as an application would. Run:
/// <c>dotnet run -c Release --project bench/StorageKit.Benchmarks -- --filter '*Compound*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RadosCompoundOperationBenchmarks
{
    private readonly byte[] _block = new byte[4096];
    private readonly byte[] _value = new byte[64];
    private readonly byte[] _tail = new byte[512];
    private IRadosClient? _client;
    private IRadosIoContext? _io;

    /// <summary>Which implementation runs.</summary>
    [Params("emulator", "native")]
    public string Target { get; set; } = "emulator";

    /// <summary>Connects and seeds the object the operation compares against.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var cluster = new BenchmarkCluster(Target);
        _client = cluster.Connect();
        _io = _client.OpenIoContext(cluster.Pool);
        _io.SetNamespace($"bench-{Guid.NewGuid():N}");
        Random.Shared.NextBytes(_block);
        _io.WriteFull("compound", _block);
        _io.SetXattr("compound", "version", _value);
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

    /// <summary>The 8-step write operation, synchronously (<c>rados_write_op_operate2</c>).</summary>
    [Benchmark]
    public void CompoundWrite8Steps() => _io!.Operate("compound", Build());

    /// <summary>The same operation asynchronously (<c>rados_aio_write_op_operate</c>).</summary>
    [Benchmark]
    public Task CompoundWrite8StepsAsync() => _io!.OperateAsync("compound", Build());

    private RadosWriteOperation Build()
    {
        var op = new RadosWriteOperation();
        op.Create(exclusive: false);
        op.Write(_block, 0);
        op.SetXattr("version", _value);
        op.SetOmap([KeyValuePair.Create("state", new ReadOnlyMemory<byte>(_value))]);
        op.CompareXattr("version", RadosComparison.Equal, _value);
        op.Truncate(2048);
        op.Append(_tail);
        op.SetAllocationHint(4096, 4096, RadosAllocationHints.SequentialWrite);
        return op;
    }
}
