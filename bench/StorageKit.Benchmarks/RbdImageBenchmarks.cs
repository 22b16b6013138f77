using BenchmarkDotNet.Attributes;
using StorageKit.Emulator.Rbd;
using StorageKit.Native.Rbd;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Benchmarks;

/// <summary>
/// RBD image I/O on a 16 MiB image with 4 MiB objects (order 22), emulator against a real cluster
/// (STORAGEKIT_CEPH_CONF, pool STORAGEKIT_CEPH_POOL; librbd needs the pool's default namespace), with a 4 MiB
/// memory copy measured in the same run as the bandwidth the 4 MiB emulator I/O is held against. The image is
/// sized so the working set (image, buffers) fits the last-level cache as the baseline's does; past the cache,
/// every 4 MiB emulator I/O is a copy to or from DRAM (docs/benchmarks.md). Run:
/// <c>dotnet run -c Release --project bench/StorageKit.Benchmarks -- --filter '*Rbd*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RbdImageBenchmarks
{
    private const int ImageSize = 16 << 20;
    private const int Small = 4 << 10;
    private const int Large = 4 << 20;
    private readonly byte[] _small = new byte[Small];
    private readonly byte[] _large = new byte[Large];
    private readonly byte[] _copy = new byte[Large];
    private readonly Random _random = new(42);
    private IRadosClient? _client;
    private IRadosIoContext? _io;
    private IRbdClient? _rbd;
    private IRbdImage? _image;
    private string _name = "";
    private long _next;

    /// <summary>Which implementation runs.</summary>
    [Params("emulator", "native")]
    public string Target { get; set; } = "emulator";

    /// <summary>Creates the image and writes it whole, so reads see data everywhere (no sparse short cuts).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var cluster = new BenchmarkCluster(Target);
        _client = cluster.Connect();
        _io = _client.OpenIoContext(cluster.Pool);
        _rbd = Target == "emulator" ? EmulatedRbd.For(_io) : NativeRbd.For(_io);
        _name = $"bench-{Guid.NewGuid():N}";
        _rbd.Create(_name, ImageSize, 22);
        _image = _rbd.Open(_name);
        Random.Shared.NextBytes(_large);
        Random.Shared.NextBytes(_small);
        for (long offset = 0; offset < ImageSize; offset += Large)
        {
            _image.Write(_large, offset);
        }
    }

    /// <summary>Closes and removes the image.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _image!.Dispose();
        _rbd!.Remove(_name);
        _io!.Dispose();
        _client!.Dispose();
    }

    /// <summary>4 KiB write at a random 4 KiB-aligned offset (<c>rbd_write</c>).</summary>
    [Benchmark]
    public int Write4KRandom() => _image!.Write(_small, RandomSmallOffset());

    /// <summary>4 KiB read at a random 4 KiB-aligned offset (<c>rbd_read</c>).</summary>
    [Benchmark]
    public int Read4KRandom() => _image!.Read(_small, RandomSmallOffset());

    /// <summary>4 MiB write of one whole object, walking the image (<c>rbd_write</c>).</summary>
    [Benchmark]
    public int Write4MSequential() => _image!.Write(_large, NextLargeOffset());

    /// <summary>4 MiB read of one whole object, walking the image (<c>rbd_read</c>).</summary>
    [Benchmark]
    public int Read4MSequential() => _image!.Read(_large, NextLargeOffset());

    /// <summary>The baseline: a 4 MiB memory copy (<c>Span.CopyTo</c>, a memmove) between two buffers.</summary>
    [Benchmark]
    public int MemoryCopy4M()
    {
        _large.AsSpan().CopyTo(_copy);
        return Large;
    }

    private long RandomSmallOffset() => (long)_random.Next(ImageSize / Small) * Small;

    private long NextLargeOffset()
    {
        long offset = _next;
        _next = (_next + Large) % ImageSize;
        return offset;
    }
}
