using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace StorageKit.Conformance.Docker;

/// <summary>
/// A containerised test cluster: micro Ceph, a GlusterFS volume and nbdkit, each in its own container on a
/// user-defined network of a (private) Docker daemon, built by <c>docker/build.sh</c>. Start it with
/// <see cref="StartAsync"/>; it waits until every service really answers, exposes the connection settings for
/// the native implementation and removes its containers and network on dispose (and those of crashed runs on
/// the next start). With <c>STORAGEKIT_DOCKER_REUSE=1</c> the containers are kept and found again by label.
/// Further nbdkit servers, each on a Unix socket the host can reach, run in the nbdkit container through
/// <see cref="StartNbdkitAsync"/>.
/// </summary>
public sealed class StorageKitDockerFixture : IAsyncDisposable, IDisposable
{
    /// <summary>Environment variable naming the Docker socket (e.g. the one of <c>docker/dockerd.sh</c>).</summary>
    public const string SocketVariable = "STORAGEKIT_DOCKER_SOCKET";

    /// <summary>Environment variable: <c>1</c> keeps the containers after dispose and reuses them on the next start.</summary>
    public const string ReuseVariable = "STORAGEKIT_DOCKER_REUSE";

    /// <summary>Label carrying the id of the run that created a container or network.</summary>
    public const string RunLabel = "storagekit.run";

    private const string ExportLabel = "storagekit.export";
    private const string ServiceLabel = "storagekit.service";
    private const string ReuseLabel = "storagekit.reuse";
    private const string OwnerLabel = "storagekit.owner";

    // Where the host's socket directory is bind-mounted in the nbdkit container.
    private const string ContainerSocketRoot = "/sockets";
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly DockerClient _client;
    private readonly TextWriter _log;
    private readonly bool _reuse;
    private readonly List<string> _containers = [];
    private string? _network;
    private string? _exportRoot;

    private StorageKitDockerFixture(DockerClient client, TextWriter log, bool reuse)
    {
        _client = client;
        _log = log;
        _reuse = reuse;
    }

    /// <summary>The id of this run (the value of the <see cref="RunLabel"/> label).</summary>
    public string RunId { get; private set; } = string.Empty;

    /// <summary>Path on the host of the ceph.conf that reaches the Ceph container (auth off).</summary>
    public string CephConfigPath { get; private set; } = string.Empty;

    /// <summary>The pool created for the tests (applications rados and rbd).</summary>
    public string CephPool { get; } = "storagekit";

    /// <summary>Address of the GlusterFS container on the Docker network.</summary>
    public string GlusterHost { get; private set; } = string.Empty;

    /// <summary>glusterd's management port.</summary>
    public int GlusterPort { get; } = 24007;

    /// <summary>The volume created for the tests.</summary>
    public string GlusterVolume { get; } = "vol1";

    /// <summary>Address of the nbdkit container (a 64 MiB <c>memory</c> export).</summary>
    public string NbdHost { get; private set; } = string.Empty;

    /// <summary>nbdkit's TCP port.</summary>
    public int NbdPort { get; } = 10809;

    /// <summary>The socket named by <see cref="SocketVariable"/>, or null when unset.</summary>
    public static string? ConfiguredSocket => Environment.GetEnvironmentVariable(SocketVariable) is { Length: > 0 } s ? s : null;

    /// <summary>
    /// Connects to the daemon on <paramref name="socketPath"/>, removes leftovers of earlier runs, starts (or with
    /// reuse finds) the three containers and waits until each answers. Progress and, on failure, container logs go
    /// to <paramref name="log"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">An image is missing or a service did not become ready.</exception>
    public static async Task<StorageKitDockerFixture> StartAsync(string socketPath, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        bool reuse = Environment.GetEnvironmentVariable(ReuseVariable) == "1";
        var client = new DockerClientConfiguration(new Uri("unix://" + socketPath)).CreateClient();
        var fixture = new StorageKitDockerFixture(client, log ?? TextWriter.Null, reuse);
        try
        {
            await fixture.StartCoreAsync(socketPath, cancellationToken).ConfigureAwait(false);
            return fixture;
        }
        catch
        {
            // Keep the failure; the containers of a failed start are never worth keeping.
            await fixture.RemoveOwnAsync().ConfigureAwait(false);
            fixture._client.Dispose();
            throw;
        }
    }

    private async Task StartCoreAsync(string socketPath, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (string image in StorageKitDockerImages.Names)
        {
            var found = await _client.Images.ListImagesAsync(new ImagesListParameters { Filters = Filter("reference", image + ":latest") }, ct).ConfigureAwait(false);
            if (found.Count == 0)
            {
                missing.Add(image);
            }
        }

        if (missing.Count > 0)
        {
            // A cold daemon: build from the recipes shipped in this assembly (minutes; cached by the daemon after).
            _log.WriteLine($"docker: {string.Join(", ", missing)} missing on this daemon: building the images");
            await StorageKitDockerImages.BuildAsync(socketPath, _log, ct).ConfigureAwait(false);
        }

        if (_reuse && await FindReusableAsync(ct).ConfigureAwait(false))
        {
            _log.WriteLine($"docker: reusing the containers of run {RunId}");
        }
        else
        {
            await RemoveLeftoversAsync(ct).ConfigureAwait(false);
            RunId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
            _exportRoot = Directory.CreateTempSubdirectory("storagekit-docker-").FullName;
            await CreateNetworkAsync(ct).ConfigureAwait(false);
            await StartContainerAsync("ceph", "storagekit/ceph", "/export", ct).ConfigureAwait(false);
            await StartContainerAsync("gluster", "storagekit/gluster", "/export", ct).ConfigureAwait(false);
            await StartContainerAsync("nbdkit", "storagekit/nbdkit", ContainerSocketRoot, ct).ConfigureAwait(false);
        }

        await WaitReadyAsync(ct).ConfigureAwait(false);
    }

    private static Dictionary<string, IDictionary<string, bool>> Filter(string key, string value)
        => new() { [key] = new Dictionary<string, bool> { [value] = true } };

    private async Task<bool> FindReusableAsync(CancellationToken ct)
    {
        var kept = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = Filter("label", ReuseLabel + "=1") }, ct).ConfigureAwait(false);
        var running = kept.Where(c => c.State == "running").ToList();
        string? run = running.Select(c => c.Labels[RunLabel]).FirstOrDefault();
        var services = running.Where(c => c.Labels[RunLabel] == run).ToList();
        if (run is null || services.Count != 3)
        {
            return false;
        }

        RunId = run;
        _exportRoot = services[0].Labels[ExportLabel];
        // WaitReadyAsync expects the start order: ceph, gluster, nbdkit.
        _containers.AddRange(services.OrderBy(c => c.Labels[ServiceLabel], StringComparer.Ordinal).Select(c => c.ID));
        _network = services[0].NetworkSettings.Networks.Keys.Single();
        // Without the socket directory the containers predate per-export nbdkits: not reusable.
        return Directory.Exists(NbdSocketRoot);
    }

    // Anything labelled by an earlier run whose process is gone (a crashed one, or one kept for reuse that is now
    // replaced) goes; the containers of a run still going in another process on this host stay.
    private async Task RemoveLeftoversAsync(CancellationToken ct)
    {
        var old = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = Filter("label", RunLabel) }, ct).ConfigureAwait(false);
        foreach (var container in old)
        {
            if (container.Labels.TryGetValue(OwnerLabel, out string? owner) && DockerRunOwner.IsAlive(owner))
            {
                _log.WriteLine($"docker: leaving container {container.Names.FirstOrDefault()} of run {container.Labels[RunLabel]}: its process ({owner}) is still running");
                continue;
            }

            _log.WriteLine($"docker: removing leftover container {container.Names.FirstOrDefault()} of run {container.Labels[RunLabel]}");
            await _client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct).ConfigureAwait(false);
            if (container.Labels.TryGetValue(ExportLabel, out string? export) && export.Contains("storagekit-docker-", StringComparison.Ordinal) && Directory.Exists(export))
            {
                Directory.Delete(export, recursive: true);
            }
        }

        var networks = await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = Filter("label", RunLabel) }, ct).ConfigureAwait(false);
        foreach (var network in networks)
        {
            if (network.Labels.TryGetValue(OwnerLabel, out string? owner) && DockerRunOwner.IsAlive(owner))
            {
                continue;
            }

            _log.WriteLine($"docker: removing leftover network {network.Name}");
            await _client.Networks.DeleteNetworkAsync(network.ID, ct).ConfigureAwait(false);
        }
    }

    // A /24 in 10.232.0.0/16 that neither a network of this daemon nor a host interface uses (another daemon's
    // bridges are host interfaces: two daemons on one subnet clash on the host's routes), tried from a random
    // offset so that two runs starting together rarely want the same one.
    private async Task CreateNetworkAsync(CancellationToken ct)
    {
        var networks = await _client.Networks.ListNetworksAsync(new NetworksListParameters(), ct).ConfigureAwait(false);
        var used = networks.SelectMany(n => n.IPAM?.Config ?? []).Select(c => Ipv4Network.TryParse(c.Subnet)).OfType<Ipv4Network>().ToList();
        used.AddRange(HostNetworks());
        string name = "storagekit-" + RunId;
        int offset = RandomNumberGenerator.GetInt32(256);
        for (int i = 0; i < 256; i++)
        {
            var candidate = new Ipv4Network(0x0AE80000u | ((uint)((offset + i) % 256) << 8), 24);
            if (used.Exists(u => u.Overlaps(candidate)))
            {
                continue;
            }

            try
            {
                var created = await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
                {
                    Name = name,
                    Driver = "bridge",
                    IPAM = new IPAM { Config = [new IPAMConfig { Subnet = candidate.ToString() }] },
                    Labels = Labels("network"),
                }, ct).ConfigureAwait(false);
                _network = name;
                _log.WriteLine($"docker: network {name} ({candidate}, id {created.ID[..12]})");
                return;
            }
            catch (DockerApiException ex) when (ex.Message.Contains("overlaps", StringComparison.OrdinalIgnoreCase))
            {
                // Taken since the listing (a concurrent run on this daemon): the next one.
                used.Add(candidate);
            }
        }

        throw new InvalidOperationException("no free /24 left in 10.232.0.0/16 (daemon networks and host interfaces use them all)");
    }

    private static IEnumerable<Ipv4Network> HostNetworks()
        => NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => new Ipv4Network(BinaryPrimitives.ReadUInt32BigEndian(a.Address.GetAddressBytes()), a.PrefixLength));

    private Dictionary<string, string> Labels(string service) => new()
    {
        [RunLabel] = RunId,
        [ServiceLabel] = service,
        [ExportLabel] = _exportRoot ?? string.Empty,
        [ReuseLabel] = _reuse ? "1" : "0",
        [OwnerLabel] = DockerRunOwner.Current,
    };

    // The host directory <export root>/<service> is bind-mounted at mountPoint.
    private async Task StartContainerAsync(string service, string image, string mountPoint, CancellationToken ct)
    {
        string export = Path.Combine(_exportRoot!, service);
        Directory.CreateDirectory(export);

        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"storagekit-{service}-{RunId}",
            Image = image,
            Hostname = service,
            Labels = Labels(service),
            HostConfig = new HostConfig
            {
                NetworkMode = _network,
                Binds = [export + ":" + mountPoint],
                // docker-init as PID 1 reaps the detached nbdkits of StartNbdkitAsync (orphans of the container once started).
                Init = service == "nbdkit",
                // glusterd sets trusted.* xattrs on the brick (CAP_SYS_ADMIN); --privileged is refused on this kind
                // of host ("unable to apply caps"), the single capability is not.
                CapAdd = service == "gluster" ? ["SYS_ADMIN"] : null,
            },
        }, ct).ConfigureAwait(false);
        _containers.Add(created.ID);
        await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
        _log.WriteLine($"docker: started {service} ({created.ID[..12]})");
    }

    private async Task<string> AddressOfAsync(string id, CancellationToken ct)
    {
        var inspect = await _client.Containers.InspectContainerAsync(id, ct).ConfigureAwait(false);
        return inspect.NetworkSettings.Networks.Values.Select(n => n.IPAddress).FirstOrDefault(a => !string.IsNullOrEmpty(a))
            ?? throw new InvalidOperationException($"container {inspect.Name} has no address");
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(DefaultReadyTimeout);
        string ceph = _containers[0], gluster = _containers[1], nbd = _containers[2];
        try
        {
            // Both entrypoints write /export/ready only after a real probe (a RADOS write; the brick online).
            await WaitForFileAsync(ceph, Path.Combine(_exportRoot!, "ceph", "ready"), timeout.Token).ConfigureAwait(false);
            CephConfigPath = Path.Combine(_exportRoot!, "ceph", "ceph.conf");
            await WaitForFileAsync(gluster, Path.Combine(_exportRoot!, "gluster", "ready"), timeout.Token).ConfigureAwait(false);
            GlusterHost = await AddressOfAsync(gluster, timeout.Token).ConfigureAwait(false);
            await WaitForTcpAsync(gluster, GlusterHost, GlusterPort, null, timeout.Token).ConfigureAwait(false);
            NbdHost = await AddressOfAsync(nbd, timeout.Token).ConfigureAwait(false);
            await WaitForTcpAsync(nbd, NbdHost, NbdPort, "NBDMAGIC"u8.ToArray(), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await WriteLogsAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"the containers were not ready within {DefaultReadyTimeout.TotalSeconds} s (logs above)");
        }

        _log.WriteLine($"docker: ready: ceph.conf {CephConfigPath}, gluster {GlusterHost}:{GlusterPort}/{GlusterVolume}, nbd {NbdHost}:{NbdPort}");
    }

    private async Task EnsureRunningAsync(string id, CancellationToken ct)
    {
        var inspect = await _client.Containers.InspectContainerAsync(id, ct).ConfigureAwait(false);
        if (!inspect.State.Running)
        {
            await WriteLogsAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"container {inspect.Name} exited with code {inspect.State.ExitCode} before it was ready (logs above)");
        }
    }

    private async Task WaitForFileAsync(string id, string path, CancellationToken ct)
    {
        while (!File.Exists(path))
        {
            await EnsureRunningAsync(id, ct).ConfigureAwait(false);
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    // Connects until the port accepts; with expected bytes, also until the server's greeting starts with them.
    private async Task WaitForTcpAsync(string id, string host, int port, byte[]? greeting, CancellationToken ct)
    {
        while (true)
        {
            await EnsureRunningAsync(id, ct).ConfigureAwait(false);
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Parse(host), port, ct).ConfigureAwait(false);
                if (greeting is null)
                {
                    return;
                }

                byte[] buffer = new byte[greeting.Length];
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = await socket.ReceiveAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                if (buffer.AsSpan().SequenceEqual(greeting))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // not listening yet
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    private string NbdSocketRoot => Path.Combine(_exportRoot ?? throw new InvalidOperationException("the fixture is not started"), "nbdkit");

    /// <summary>
    /// Starts another nbdkit in the nbdkit container, serving on a Unix socket in a directory of its own that the
    /// host reaches through a bind mount: <c>nbdkit -f -U SOCKET -P PIDFILE <paramref name="arguments"/></c>, where
    /// the arguments are options, the plugin and its parameters. Returns once it listens; dispose the result to
    /// stop it.
    /// </summary>
    /// <exception cref="InvalidOperationException">nbdkit exited or did not listen (its output is in the message).</exception>
    public Task<ContainerNbdkit> StartNbdkitAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        // Short: the host path of the socket must fit sun_path (108 bytes).
        string id = Guid.NewGuid().ToString("N")[..12];
        return ContainerNbdkit.StartAsync(_client, _containers[2], Path.Combine(NbdSocketRoot, id), ContainerSocketRoot + "/" + id, arguments, cancellationToken);
    }

    /// <summary>Writes the last lines of every container's output to the log (called on failures).</summary>
    public async Task WriteLogsAsync()
    {
        foreach (string id in _containers)
        {
            try
            {
                using var stream = await _client.Containers.GetContainerLogsAsync(id, false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "60" }, CancellationToken.None).ConfigureAwait(false);
                var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None).ConfigureAwait(false);
                await _log.WriteLineAsync($"----- logs of container {id[..12]} -----\n{stdout}{stderr}").ConfigureAwait(false);
            }
            catch (DockerApiException ex)
            {
                await _log.WriteLineAsync($"----- no logs of container {id[..12]}: {ex.Message}").ConfigureAwait(false);
            }
        }
    }

    private async Task RemoveOwnAsync()
    {
        foreach (string id in _containers)
        {
            try
            {
                await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
                // already gone
            }
        }

        _containers.Clear();
        if (_network is not null)
        {
            await _client.Networks.DeleteNetworkAsync(_network).ConfigureAwait(false);
            _network = null;
        }

        if (_exportRoot is not null && Directory.Exists(_exportRoot))
        {
            Directory.Delete(_exportRoot, recursive: true);
        }
    }

    /// <summary>Removes the containers and the network (kept with <c>STORAGEKIT_DOCKER_REUSE=1</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_reuse)
        {
            await RemoveOwnAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>An IPv4 network (address and prefix length); host bits of the address are ignored.</summary>
internal readonly record struct Ipv4Network(uint Address, int Prefix)
{
    private uint Mask => Prefix == 0 ? 0 : uint.MaxValue << (32 - Prefix);

    /// <summary>"a.b.c.d/n", or null for anything else (IPv6 subnets, empty strings).</summary>
    public static Ipv4Network? TryParse(string? text)
    {
        string[] parts = (text ?? string.Empty).Split('/');
        return parts.Length == 2
            && IPAddress.TryParse(parts[0], out IPAddress? address)
            && address.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix)
            && prefix <= 32
            ? new Ipv4Network(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()), prefix)
            : null;
    }

    /// <summary>Two networks overlap when they agree on the shorter of the two prefixes.</summary>
    public bool Overlaps(Ipv4Network other)
    {
        uint mask = Prefix < other.Prefix ? Mask : other.Mask;
        return (Address & mask) == (other.Address & mask);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        uint network = Address & Mask;
        return string.Create(CultureInfo.InvariantCulture, $"{network >> 24}.{(network >> 16) & 0xFF}.{(network >> 8) & 0xFF}.{network & 0xFF}/{Prefix}");
    }
}
