using StorageKit.Nbd;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// What a target runs for one export (an nbdkit process, a StorageKit server, an in-process emulated server),
/// reachable through a Unix socket path; stopped with the case that started it.
/// </summary>
public abstract class NbdServedExport : IDisposable
{
    /// <summary>An export started for <paramref name="spec"/>.</summary>
    protected NbdServedExport(NbdExportSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
    }

    /// <summary>What was asked for.</summary>
    public NbdExportSpec Spec { get; }

    /// <summary>The Unix socket path clients connect to (virtual on the emulator).</summary>
    public abstract string SocketPath { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the export.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
