using BenchmarkDotNet.Attributes;
using StorageKit.Rados;

namespace StorageKit.Benchmarks;

/// <summary>
/// A notify round trip, emulator against a real cluster (STORAGEKIT_CEPH_CONF, pool STORAGEKIT_CEPH_POOL): one
/// watch on another connection acks every notification with a short reply; the notifier waits for that ack.
/// Run: <c>dotnet run -c Release --project bench/StorageKit.Benchmarks -- --filter '*Notify*'</c>.
/// </summary>
[MemoryDiagnoser]
public class RadosNotifyBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly byte[] _payload = new byte[64];
    private readonly byte[] _reply = new byte[16];
    private IRadosClient? _notifier;
    private IRadosClient? _watcher;
    private IRadosIoContext? _notifierIo;
    private IRadosIoContext? _watcherIo;
    private IRadosWatch? _watch;
    private Task? _acker;

    /// <summary>Which implementation runs.</summary>
    [Params("emulator", "native")]
    public string Target { get; set; } = "emulator";

    /// <summary>Connects notifier and watcher, writes the watched object, starts the watch that acks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var cluster = new BenchmarkCluster(Target);
        string pool = cluster.Pool;
        _notifier = cluster.Connect();
        _watcher = cluster.Connect();

        string nameSpace = $"bench-{Guid.NewGuid():N}";
        _notifierIo = _notifier.OpenIoContext(pool);
        _notifierIo.SetNamespace(nameSpace);
        _watcherIo = _watcher.OpenIoContext(pool);
        _watcherIo.SetNamespace(nameSpace);
        _notifierIo.WriteFull("watched", [1]);
        _watch = _watcherIo.Watch("watched");
        _acker = AckAllAsync(_watch, _reply);
    }

    /// <summary>Unwatches, removes the object, disconnects.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _watch!.Dispose();
        _acker!.GetAwaiter().GetResult();
        _notifierIo!.Remove("watched");
        _notifierIo.Dispose();
        _watcherIo!.Dispose();
        _notifier!.Dispose();
        _watcher!.Dispose();
    }

    /// <summary><c>rados_notify2</c>: blocks until the watch acked.</summary>
    [Benchmark]
    public int NotifyRoundTrip() => _notifierIo!.Notify("watched", _payload, Timeout).Acks.Count;

    /// <summary><c>rados_aio_notify</c>: awaits the ack.</summary>
    [Benchmark]
    public async Task<int> NotifyAsyncRoundTrip() => (await _notifierIo!.NotifyAsync("watched", _payload, Timeout).ConfigureAwait(false)).Acks.Count;

    private static async Task AckAllAsync(IRadosWatch watch, byte[] reply)
    {
        await foreach (RadosNotification notification in watch.ReadNotificationsAsync().ConfigureAwait(false))
        {
            notification.Ack(reply);
        }
    }
}
