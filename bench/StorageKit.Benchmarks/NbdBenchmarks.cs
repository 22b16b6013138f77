using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using StorageKit.Emulator.Nbd;
using StorageKit.Native.Nbd;
using StorageKit.Nbd;

namespace StorageKit.Benchmarks;

/// <summary>
/// NBD I/O on a 64 MiB memory export, written whole before measuring (so no read is a hole). <c>nbdkit</c> and
/// <c>storagekit</c> are libnbd (<see cref="NativeNbdClient"/>) over a Unix socket, to <c>nbdkit memory</c>
/// (spawned here) and to StorageKit's <see cref="NbdServer"/> with a <see cref="MemoryNbdExport"/> (in this
/// process); <c>emulated</c> is <see cref="EmulatedNbdClient"/> to the same server over an in-memory pipe. When
/// libnbd or nbdkit is missing the setup throws and those rows are <c>NA</c>. Run:
/// <c>dotnet run -c Release --project bench/StorageKit.Benchmarks -- --filter '*Nbd*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class NbdBenchmarks
{
    private const long ExportSize = 64 << 20;
    private const int Small = 4 << 10;
    private const int Large = 1 << 20;
    private const int QueueDepth = 16;
    private readonly byte[] _small = new byte[Small];
    private readonly byte[] _large = new byte[Large];
    private readonly byte[][] _queue = Enumerable.Range(0, QueueDepth).Select(_ => new byte[Small]).ToArray();
    private readonly Task[] _tasks = new Task[QueueDepth];
    private readonly Random _random = new(42);
    private string _directory = "";
    private Process? _nbdkit;
    private NbdServer? _server;
    private IDisposable? _registration;
    private INbdClient? _client;
    private long _next;

    /// <summary>Which client and server.</summary>
    [Params("nbdkit", "storagekit", "emulated")]
    public string Server { get; set; } = "storagekit";

    /// <summary>Starts the server, connects and fills the export.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("storagekit-nbd-bench-").FullName;
        string socket = Path.Combine(_directory, "nbd.sock");
        switch (Server)
        {
            case "nbdkit":
                _nbdkit = Process.Start(new ProcessStartInfo("nbdkit", ["--exit-with-parent", "-U", socket, "-f", "memory", ExportSize.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
                    ?? throw new InvalidOperationException("nbdkit did not start");
                WaitForSocket(socket);
                _client = new NativeNbdClient();
                break;
            case "storagekit":
                _server = new NbdServer(new MemoryNbdExport(new MemoryNbdExportOptions { Size = ExportSize }));
                _server.ListenUnix(socket);
                _client = new NativeNbdClient();
                break;
            default:
                _server = new NbdServer(new MemoryNbdExport(new MemoryNbdExportOptions { Size = ExportSize }));
                var network = new EmulatedNbdNetwork();
                _registration = network.RegisterUnix(socket, _server);
                _client = new EmulatedNbdClient(network);
                break;
        }

        _client.ConnectUnix(socket);
        Random.Shared.NextBytes(_large);
        Random.Shared.NextBytes(_small);
        for (long offset = 0; offset < ExportSize; offset += Large)
        {
            _client.Write(_large, offset);
        }
    }

    /// <summary>Disconnects and stops the server.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _registration?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_nbdkit is not null)
        {
            _nbdkit.Kill();
            _nbdkit.WaitForExit();
            _nbdkit.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>4 KiB write at a random 4 KiB-aligned offset (<c>nbd_pwrite</c>).</summary>
    [Benchmark]
    public void Write4KRandom() => _client!.Write(_small, RandomSmallOffset());

    /// <summary>4 KiB read at a random 4 KiB-aligned offset (<c>nbd_pread</c>).</summary>
    [Benchmark]
    public void Read4KRandom() => _client!.Read(_small, RandomSmallOffset());

    /// <summary>1 MiB write, walking the export (<c>nbd_pwrite</c>).</summary>
    [Benchmark]
    public void Write1MSequential() => _client!.Write(_large, NextLargeOffset());

    /// <summary>1 MiB read, walking the export (<c>nbd_pread</c>).</summary>
    [Benchmark]
    public void Read1MSequential() => _client!.Read(_large, NextLargeOffset());

    /// <summary>16 reads of 4 KiB in flight at once (<c>nbd_aio_pread</c>); the time is per read.</summary>
    [Benchmark(OperationsPerInvoke = QueueDepth)]
    public async Task Read4KQueueDepth16()
    {
        for (int i = 0; i < QueueDepth; i++)
        {
            _tasks[i] = _client!.ReadAsync(_queue[i], RandomSmallOffset());
        }

        await Task.WhenAll(_tasks).ConfigureAwait(false);
    }

    private static void WaitForSocket(string socket)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"nbdkit did not create {socket}");
            }

            Thread.Sleep(10);
        }
    }

    private long RandomSmallOffset() => _random.NextInt64(ExportSize / Small) * Small;

    private long NextLargeOffset()
    {
        long offset = _next;
        _next = (_next + Large) % ExportSize;
        return offset;
    }
}
