using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Rados;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// A system the suite runs against: the emulator, a native cluster, or a third party's own implementation
/// of the abstractions. Subclass it and run the cases of <see cref="ConformanceCatalog"/> on it (or use the NUnit fixtures).
/// </summary>
public abstract class ConformanceTarget : IDisposable
{
    /// <summary>Short name shown in the matrix and in test names (<c>emulator</c>, <c>native</c>).</summary>
    public abstract string Name { get; }

    /// <summary>A pool every case may use; cases isolate themselves in a namespace of their own.</summary>
    public abstract string SharedPool { get; }

    /// <summary>How many random sequences model-based properties try (fewer where each op costs a network round trip).</summary>
    public virtual int PropertyRuns => 100;

    /// <summary>Makes the target ready; returns null when it is, or the reason it cannot be used.</summary>
    public abstract string? Prepare();

    /// <summary>A new, configured but unconnected RADOS client.</summary>
    public abstract IRadosClient CreateRadosClient();

    /// <summary>The RBD client of this implementation for an io context it opened.</summary>
    public abstract StorageKit.Rbd.IRbdClient OpenRbd(IRadosIoContext ioContext);

    /// <summary>
    /// Makes the target's GlusterFS side ready; returns null when it is, or the reason it cannot be used.
    /// Targets without GlusterFS keep the default answer.
    /// </summary>
    public virtual string? PrepareGluster() => $"target '{Name}' has no GlusterFS implementation";

    /// <summary>The GlusterFS entry point of this implementation.</summary>
    public virtual IGlusterClient GlusterClient => throw new NotSupportedException($"target '{Name}' has no GlusterFS implementation");

    /// <summary>How to reach the volume Gluster cases use (one volume; every case works in a directory of its own).</summary>
    public virtual GlusterVolumeOptions GlusterVolume => throw new NotSupportedException($"target '{Name}' has no GlusterFS implementation");

    /// <summary>
    /// Whether the target implements <paramref name="system"/> at all: the runner skips the systems a target does
    /// not claim (instead of reporting them unavailable). True for every system by default.
    /// </summary>
    public virtual bool Supports(ConformanceSystem system) => true;

    /// <summary>
    /// Makes the target's NBD side ready; returns null when it is, or the reason it cannot be used.
    /// Targets without NBD keep the default answer.
    /// </summary>
    public virtual string? PrepareNbd() => $"target '{Name}' has no NBD implementation";

    /// <summary>Starts a server for one export described by <paramref name="spec"/>; the caller disposes it.</summary>
    public virtual NbdServedExport StartNbdExport(NbdExportSpec spec) => throw new NotSupportedException($"target '{Name}' has no NBD implementation");

    /// <summary>A new, unconnected NBD client of this implementation.</summary>
    public virtual INbdClient CreateNbdClient() => throw new NotSupportedException($"target '{Name}' has no NBD implementation");

    /// <summary>
    /// Starts what one case uses. By default the case shares the target's cluster and real time; the
    /// emulator gives every case a cluster of its own on a fake clock, so time-dependent cases (lock expiry,
    /// notify timeouts) run instantly there and with short real waits on a real cluster.
    /// </summary>
    public virtual ConformanceSession OpenSession() => new(this);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the target holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
