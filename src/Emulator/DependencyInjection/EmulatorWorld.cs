using StorageKit.Emulator.Gluster;
using StorageKit.Emulator.Nbd;
using StorageKit.Emulator.Rados;
using StorageKit.Emulator.Rbd;
using StorageKit.Nbd;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.DependencyInjection;

/// <summary>
/// The clusters and the private NBD network of one container, created and seeded together so a seed may span RADOS,
/// Gluster and NBD. Owns the seeded NBD servers and the RBD handles behind them; the container disposes it.
/// </summary>
internal sealed class EmulatorWorld : IDisposable, IAsyncDisposable
{
    private readonly List<IDisposable> _registrations = [];
    private readonly List<NbdServer> _servers = [];

    // RBD-backed exports: the handles they read through, disposed after the servers stop (last opened first).
    private readonly List<IDisposable> _handles = [];
    private readonly Dictionary<string, IRadosIoContext> _pools = new(StringComparer.Ordinal);
    private IRadosClient? _client;
    private bool _disposed;

    public EmulatorWorld(EmulatorSeedBuilder seed, EmulatorOptions? options)
    {
        Rados = new EmulatedRadosCluster(options);
        Gluster = new EmulatedGlusterCluster(options);
        seed.Apply(Rados, Gluster);
        try
        {
            foreach (EmulatorNbdServerSeed server in seed.NbdServers)
            {
                Start(server);
            }
        }
        catch
        {
            // The container never sees a half-built world, so it would never stop what already started.
            Dispose();
            throw;
        }
    }

    public EmulatedRadosCluster Rados { get; }

    public EmulatedGlusterCluster Gluster { get; }

    public EmulatedNbdNetwork Nbd { get; } = new();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Unregister first: a client connecting from now on finds nothing instead of a stopping server.
        foreach (IDisposable registration in _registrations)
        {
            registration.Dispose();
        }

        foreach (NbdServer server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        for (int i = _handles.Count - 1; i >= 0; i--)
        {
            _handles[i].Dispose();
        }
    }

    private void Start(EmulatorNbdServerSeed seed)
    {
        var exports = new List<INbdExport>(seed.Exports.Count);
        foreach (EmulatorNbdExportSeed export in seed.Exports)
        {
            exports.Add(export.RbdPool is { } pool ? OpenRbd(export, pool, export.RbdImage!) : Memory(export));
        }

        var server = new NbdServer(exports);
        _servers.Add(server);
        if (seed.UnixSocketPath is { } path)
        {
            _registrations.Add(Nbd.RegisterUnix(path, server));
        }

        if (seed.TcpHost is { } host)
        {
            _registrations.Add(Nbd.RegisterTcp(host, seed.TcpPort, server));
        }
    }

    private static MemoryNbdExport Memory(EmulatorNbdExportSeed export)
    {
        var memory = new MemoryNbdExport(new MemoryNbdExportOptions
        {
            Name = export.Name,
            Description = export.Description,
            Size = export.Size,
            ReadOnly = export.ReadOnly,
        });
        memory.Preload(export.Content.Span);
        return memory;
    }

    private RbdNbdExport OpenRbd(EmulatorNbdExportSeed export, string pool, string image)
    {
        if (_client is null)
        {
            _client = Rados.Connect();
            _handles.Add(_client);
        }

        if (!_pools.TryGetValue(pool, out IRadosIoContext? io))
        {
            // A missing pool or image fails here with the emulator's StorageNotFoundException naming it.
            io = _client.OpenIoContext(pool);
            _handles.Add(io);
            _pools.Add(pool, io);
        }

        IRbdImage opened = EmulatedRbd.For(io).Open(image, snapshotName: null, readOnly: export.ReadOnly);
        _handles.Add(opened);
        return new RbdNbdExport(opened, export.Name, export.Description, export.ReadOnly);
    }
}
