using StorageKit.Gluster;
using StorageKit.Rados;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// The part of a target one case runs in: where its clients come from and how time passes for it.
/// On a real cluster time passes by waiting; on the emulator <see cref="Elapse"/> moves a fake clock.
/// </summary>
public class ConformanceSession : IDisposable
{
    private readonly ConformanceTarget _target;

    /// <summary>A session on <paramref name="target"/>'s shared cluster with real time.</summary>
    public ConformanceSession(ConformanceTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    /// <summary>True when <see cref="Elapse"/> only moves a clock (cases may then use long durations for free).</summary>
    public virtual bool HasVirtualTime => false;

    /// <summary>A new, configured but unconnected RADOS client of this session's cluster.</summary>
    public virtual IRadosClient CreateRadosClient() => _target.CreateRadosClient();

    /// <summary>The GlusterFS entry point of this session (the emulator gives each case a cluster of its own).</summary>
    public virtual IGlusterClient GlusterClient => _target.GlusterClient;

    /// <summary>How to reach the session's volume.</summary>
    public virtual GlusterVolumeOptions GlusterVolume => _target.GlusterVolume;

    /// <summary>Lets <paramref name="duration"/> pass: a real wait on a cluster, a clock step on the emulator.</summary>
    public virtual void Elapse(TimeSpan duration) => Thread.Sleep(duration);

    /// <summary>The session's current time.</summary>
    public virtual DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the session holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
