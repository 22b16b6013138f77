using BenchmarkDotNet.Attributes;
using StorageKit.Emulator.Rados;
using StorageKit.Emulator.Rbd;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Benchmarks;

/// <summary>
/// Memory of a sparse emulated image: a fresh emulated cluster, a 1 TiB image (4 MiB objects), 1 MiB written at
/// its start. The allocated column must stay about 1 MiB: the emulator keeps only the objects written. Run:
/// <c>dotnet run -c Release --project bench/StorageKit.Benchmarks -- --filter '*Sparse*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RbdSparseImageBenchmarks
{
    private const long TiB = 1L << 40;
    private readonly byte[] _data = new byte[1 << 20];

    /// <summary>Fills the data written.</summary>
    [GlobalSetup]
    public void Setup() => Random.Shared.NextBytes(_data);

    /// <summary>Creates the cluster, pool and 1 TiB image, writes 1 MiB; what it allocates is the image's cost.</summary>
    [Benchmark]
    public long SparseImage1TiBWrite1MiB()
    {
        var cluster = new EmulatedRadosCluster();
        using IRadosClient client = cluster.Connect();
        client.CreatePool("sparse");
        using IRadosIoContext io = client.OpenIoContext("sparse");
        IRbdClient rbd = EmulatedRbd.For(io);
        rbd.Create("sparse", TiB, 22);
        using IRbdImage image = rbd.Open("sparse");
        return image.Write(_data, 0);
    }
}
