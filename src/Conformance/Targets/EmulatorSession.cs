using Microsoft.Extensions.Time.Testing;
using StorageKit.Conformance.Framework;
using StorageKit.Emulator;
using StorageKit.Emulator.Gluster;
using StorageKit.Emulator.Rados;
using StorageKit.Gluster;
using StorageKit.Rados;

namespace StorageKit.Conformance.Targets;

/// <summary>One case's emulated cluster, on a fake clock that starts at the real time.</summary>
internal sealed class EmulatorSession : ConformanceSession
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly EmulatedRadosCluster _cluster;
    private readonly Lazy<EmulatedGlusterCluster> _gluster;

    public EmulatorSession(EmulatorTarget target)
        : base(target)
    {
        _cluster = new EmulatedRadosCluster(new EmulatorOptions { TimeProvider = _clock });
        using IRadosClient client = _cluster.Connect();
        client.CreatePool(target.SharedPool);
        _gluster = new(() =>
        {
            var gluster = new EmulatedGlusterCluster(new EmulatorOptions { TimeProvider = _clock });
            gluster.CreateVolume(EmulatorTarget.GlusterVolumeName);
            return gluster;
        });
    }

    public override bool HasVirtualTime => true;

    public override DateTimeOffset UtcNow => _clock.GetUtcNow();

    /// <summary>The session's cluster, for emulator-only helpers.</summary>
    public EmulatedRadosCluster Cluster => _cluster;

    public override IGlusterClient GlusterClient => _gluster.Value;

    public override GlusterVolumeOptions GlusterVolume { get; } = new() { VolumeName = EmulatorTarget.GlusterVolumeName };

    public override IRadosClient CreateRadosClient() => _cluster.CreateClient();

    public override void Elapse(TimeSpan duration) => _clock.Advance(duration);
}
