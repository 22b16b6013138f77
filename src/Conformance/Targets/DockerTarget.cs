using Docker.DotNet;
using StorageKit.Conformance.Docker;
using StorageKit.Conformance.Framework;
using StorageKit.Gluster;
using StorageKit.Nbd;
using StorageKit.Rados;

namespace StorageKit.Conformance.Targets;

/// <summary>
/// The native implementation against the containerised cluster of <see cref="StorageKitDockerFixture"/> (micro
/// Ceph, a GlusterFS volume and nbdkit in containers of the Docker daemon named by <c>STORAGEKIT_DOCKER_SOCKET</c>).
/// Every NBD case gets an <c>nbdkit memory</c> of its own (size, flags and filters of its
/// <see cref="NbdExportSpec"/>), started by <c>docker exec</c> in the nbdkit container on a Unix socket that
/// libnbd on the host reaches through a bind mount.
/// </summary>
public sealed class DockerTarget : ConformanceTarget
{
    // One cluster per process: the Ceph and GlusterFS fixtures (and the runner) share it, and a second fixture
    // would remove the first one's containers as leftovers. Reference-counted by the targets using it.
    private static readonly Lock SharedLock = new();
    private static StorageKitDockerFixture? s_shared;
    private static string? s_failure;
    private static int s_users;

    private NativeTarget? _native;
    private bool _acquired;

    /// <inheritdoc />
    public override string Name => "docker";

    /// <inheritdoc />
    public override string SharedPool => _native?.SharedPool ?? "storagekit";

    /// <inheritdoc />
    public override int PropertyRuns => 25;

    /// <summary>The running cluster once <see cref="Prepare"/>, <see cref="PrepareGluster"/> or <see cref="PrepareNbd"/> succeeded.</summary>
    public StorageKitDockerFixture? Fixture { get; private set; }

    /// <inheritdoc />
    public override string? Prepare() => Start() ?? Native.Prepare();

    /// <inheritdoc />
    public override string? PrepareGluster() => Start() ?? Native.PrepareGluster();

    /// <inheritdoc />
    public override IGlusterClient GlusterClient => Native.GlusterClient;

    /// <inheritdoc />
    public override GlusterVolumeOptions GlusterVolume => Native.GlusterVolume;

    /// <inheritdoc />
    public override IRadosClient CreateRadosClient() => Native.CreateRadosClient();

    /// <inheritdoc />
    public override StorageKit.Rbd.IRbdClient OpenRbd(IRadosIoContext ioContext) => Native.OpenRbd(ioContext);

    /// <inheritdoc />
    public override string? PrepareNbd() => NativeNbd.ClientProblem ?? Start();

    /// <summary>Every export is an <c>nbdkit memory</c> of its own in the nbdkit container.</summary>
    public override NbdServedExport StartNbdExport(NbdExportSpec spec)
        => new DockerServedExport(Fixture ?? throw new InvalidOperationException("the docker target is not prepared"), spec);

    /// <inheritdoc />
    public override INbdClient CreateNbdClient() => NativeNbd.CreateClient();

    private NativeTarget Native => _native ?? throw new InvalidOperationException("the docker target is not prepared");

    private string? Start()
    {
        if (_native is not null)
        {
            return null;
        }

        string? socket = StorageKitDockerFixture.ConfiguredSocket;
        if (socket is null)
        {
            return $"{StorageKitDockerFixture.SocketVariable} is not set: start a daemon with 'docker/dockerd.sh start DIR', build the images with docker/build.sh and export {StorageKitDockerFixture.SocketVariable}=DIR/docker.sock";
        }

        lock (SharedLock)
        {
            if (s_shared is null && s_failure is null)
            {
                try
                {
                    s_shared = StorageKitDockerFixture.StartAsync(socket, Console.Error).GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is InvalidOperationException or DockerApiException or HttpRequestException or IOException)
                {
                    // Remembered so that the second system does not wait for the same failure again.
                    s_failure = $"the docker cluster did not start: {ex.Message}";
                }
            }

            if (s_shared is null)
            {
                return s_failure;
            }

            s_users++;
            _acquired = true;
            Fixture = s_shared;
        }

        _native = new NativeTarget(Fixture.CephConfigPath, Fixture.CephPool, new GlusterVolumeOptions
        {
            VolumeName = Fixture.GlusterVolume,
            Hosts = [Fixture.GlusterHost],
            Port = Fixture.GlusterPort,
        });
        return null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _native?.Dispose();
            if (_acquired)
            {
                lock (SharedLock)
                {
                    _acquired = false;
                    if (--s_users == 0 && s_shared is not null)
                    {
                        s_shared.Dispose();
                        s_shared = null;
                    }
                }
            }
        }

        base.Dispose(disposing);
    }
}
