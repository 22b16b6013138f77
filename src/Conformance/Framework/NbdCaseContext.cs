using StorageKit.Nbd;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// What one NBD case gets: exports started on request (each a server of its own) and clients of the target's
/// implementation. Disposing closes every client, then stops every export.
/// </summary>
public sealed class NbdCaseContext : IDisposable
{
    private readonly List<INbdClient> _clients = [];
    private readonly List<NbdServedExport> _exports = [];

    /// <summary>A context for the case <paramref name="caseName"/> on <paramref name="target"/>.</summary>
    public NbdCaseContext(ConformanceTarget target, string caseName)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        CaseName = caseName;
    }

    /// <summary>The target the case runs on.</summary>
    public ConformanceTarget Target { get; }

    /// <summary>Name of the running case.</summary>
    public string CaseName { get; }

    /// <summary>Starts an export for this case (<see cref="NbdExportSpec.Default"/> when null), stopped with the case.</summary>
    public NbdTestExport StartExport(NbdExportSpec? spec = null)
    {
        NbdServedExport served = Target.StartNbdExport(spec ?? NbdExportSpec.Default);
        _exports.Add(served);
        return new NbdTestExport(this, served);
    }

    /// <summary>A new unconnected client of the target's implementation, closed with the case.</summary>
    public INbdClient NewClient()
    {
        INbdClient client = Target.CreateNbdClient();
        _clients.Add(client);
        return client;
    }

    /// <summary>Starts an export for <paramref name="spec"/> and returns a client connected to it.</summary>
    public INbdClient Connected(NbdExportSpec? spec = null) => StartExport(spec).Connected();

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            foreach (INbdClient client in _clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            foreach (NbdServedExport export in _exports)
            {
                export.Dispose();
            }
        }
    }
}

/// <summary>An export running for one case, and how its clients reach it.</summary>
public sealed class NbdTestExport
{
    private readonly NbdCaseContext _context;
    private readonly NbdServedExport _served;

    internal NbdTestExport(NbdCaseContext context, NbdServedExport served)
    {
        _context = context;
        _served = served;
    }

    /// <summary>What was asked for.</summary>
    public NbdExportSpec Spec => _served.Spec;

    /// <summary>The Unix socket path clients connect to (virtual on the emulator).</summary>
    public string SocketPath => _served.SocketPath;

    /// <summary>The export's <c>nbd+unix</c> URI (export name and socket).</summary>
    public string Uri => $"nbd+unix:///{System.Uri.EscapeDataString(Spec.Name)}?socket={SocketPath}";

    /// <summary>A new unconnected client of the target's implementation, closed with the case.</summary>
    public INbdClient NewClient() => _context.NewClient();

    /// <summary>Connects <paramref name="client"/> to this export over its Unix socket, asking for the export's name.</summary>
    public void Connect(INbdClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.ExportName = Spec.Name;
        client.ConnectUnix(SocketPath);
    }

    /// <summary>A new client connected to this export.</summary>
    public INbdClient Connected()
    {
        INbdClient client = NewClient();
        Connect(client);
        return client;
    }
}
